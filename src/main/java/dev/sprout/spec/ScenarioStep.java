package dev.sprout.spec;

import java.util.Optional;
import java.util.regex.Pattern;

import dev.sprout.value.PyValue;

/**
 * One step of a scenario case: code run in the learner's module namespace, statements
 * ({@code do:}) or an expression ({@code eval:}), and what the step must observe. Only the code
 * goes to the harness; the expectation stays in Java.
 *
 * @param number     1-based, as messages name it
 * @param code       the step's Python source
 * @param expression an {@code eval:} step (its value is observed), else a {@code do:} step
 * @param line       the step's line in grader.yaml
 * @param expect     empty: the step must only run without raising
 */
public record ScenarioStep(int number, String code, boolean expression, int line, Optional<Expect> expect) {

    /** The step's code on one line, cut after its first line, for messages. */
    public String shortCode() {
        String stripped = code.strip();
        int newline = stripped.indexOf('\n');
        String first = newline < 0 ? stripped : stripped.substring(0, newline).stripTrailing() + " …";
        return first.length() > 80 ? first.substring(0, 77) + "..." : first;
    }

    /**
     * What one step must observe; absent parts are not checked.
     *
     * @param type a class name the value's class or one of its bases must have
     */
    public record Expect(
            Optional<PyValue> value,
            double tolerance,
            Optional<String> raises,
            Optional<Pattern> message,
            Optional<String> type,
            Optional<OutputMatcher> stdout) {}
}
