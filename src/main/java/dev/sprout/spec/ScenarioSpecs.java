package dev.sprout.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads {@code scenario:} case bodies: a list of steps, each {@code do:} or {@code eval:}, with an optional {@code expect:}. */
final class ScenarioSpecs {

    /** As many as the harness runs (harness/scenario.py, MAX_STEPS). */
    static final int MAX_STEPS = 100;

    private ScenarioSpecs() {}

    static Action.Scenario scenario(SpecNode node) {
        List<SpecNode> stepNodes = node.elements();
        if (stepNodes.isEmpty()) {
            throw node.fail("needs at least one step, e.g. '- do: \"acc = BankAccount(100)\"'");
        }
        if (stepNodes.size() > MAX_STEPS) {
            throw node.fail("a scenario has at most " + MAX_STEPS + " steps; split it into several cases");
        }
        List<ScenarioStep> steps = new ArrayList<>();
        for (int i = 0; i < stepNodes.size(); i++) {
            steps.add(step(i + 1, stepNodes.get(i)));
        }
        return new Action.Scenario(steps);
    }

    private static ScenarioStep step(int number, SpecNode node) {
        node.allowOnly("do", "eval", "expect");
        if (node.has("do") == node.has("eval")) {
            throw node.fail("a step has either 'do:' (statements) or 'eval:' (an expression whose value is checked)");
        }
        boolean expression = node.has("eval");
        String code = node.get(expression ? "eval" : "do").nonBlankText();
        Optional<ScenarioStep.Expect> expect = node.opt("expect").map(e -> expect(e, expression));
        return new ScenarioStep(number, code, expression, node.line(), expect);
    }

    private static ScenarioStep.Expect expect(SpecNode node, boolean expression) {
        node.allowOnly("value", "tolerance", "raises", "message", "type", "stdout");
        if (node.entries().isEmpty()) {
            throw node.fail("say at least one thing the step must observe, or leave 'expect' out");
        }
        // `value: null` expects None; has() treats a null as absent, so look at the raw key
        boolean hasValue = node.json().has("value");
        for (String key : List.of("value", "type", "tolerance")) {
            if (!expression && node.json().has(key)) {
                throw node.get(key)
                        .fail("'" + key
                                + "' checks the value of an expression: write the step as 'eval:' instead of 'do:'");
            }
        }
        if ((hasValue || node.has("type")) && node.has("raises")) {
            throw node.fail("a step either gives a value or raises, not both");
        }
        if (node.has("message") && !node.has("raises")) {
            throw node.get("message").fail("'message' checks an exception: add 'raises'");
        }
        if (node.has("tolerance") && !hasValue) {
            throw node.get("tolerance").fail("'tolerance' compares numbers: add 'value'");
        }
        return new ScenarioStep.Expect(
                hasValue ? Optional.of(ValueReader.read(node.get("value"))) : Optional.empty(),
                node.opt("tolerance").map(SpecNode::number).orElse(Expectation.DEFAULT_TOLERANCE),
                node.opt("raises").map(SpecNode::nonBlankText),
                node.opt("message").flatMap(SpecParser::regex),
                node.opt("type").map(SpecNode::nonBlankText),
                node.opt("stdout").map(ExpectationReader::output));
    }
}
