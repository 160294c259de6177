package dev.sprout.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Generated cases: {@code generate: {function: NAME, count: N, seed: S}} beside {@code call:}. The
 * case expands into N cases named {@code "name #1"} … {@code "name #N"}, each a
 * {@link Action.Generated}; their arguments come from the generator and their expected values from
 * the reference solution, both run at grading time in a sandbox of their own.
 */
public final class GeneratedSpecs {

    /** The file in the grader folder that holds the generators. */
    public static final String GENERATORS_FILE = "generators.py";

    /** More cases than this would make grading slow and the report long. */
    static final int MAX_COUNT = 100;

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private GeneratedSpecs() {}

    /** The name of generated case {@code index} (from 0) of a case named {@code name}. */
    public static String caseName(String name, int index) {
        return name + " #" + (index + 1);
    }

    static Action.Generated generated(SpecNode node) {
        String function = node.get("call").nonBlankText();
        if (!IDENTIFIER.matcher(function).matches()) {
            throw node.get("call").fail("'" + function + "' is not a Python function name");
        }
        SpecNode generate = node.get("generate");
        if (!generate.json().isObject()) {
            throw generate.fail("write generate: {function: make_cases, count: 20, seed: 1}");
        }
        generate.allowOnly("function", "count", "seed");
        String generator = generate.require("function").nonBlankText();
        if (!IDENTIFIER.matcher(generator).matches()) {
            throw generate.get("function")
                    .fail("'" + generator + "' is not a function name; name a function of " + GENERATORS_FILE);
        }
        int count = generate.require("count").integer();
        if (count < 1 || count > MAX_COUNT) {
            throw generate.get("count").fail("count is how many cases to make: from 1 to " + MAX_COUNT);
        }
        long seed = generate.require("seed").integer();
        if (node.has("args") || node.has("kwargs")) {
            throw node.get(node.has("args") ? "args" : "kwargs")
                    .fail("a generated case gets its arguments from the generator: remove '"
                            + (node.has("args") ? "args" : "kwargs") + "'");
        }
        return new Action.Generated(function, generator, count, seed, 0);
    }

    /**
     * {@code expect:} of a generated case: optional; {@code from_reference: true} says it aloud,
     * {@code tolerance} and {@code abs_tol} apply to the reference's floats.
     */
    static Expectation expectation(Optional<SpecNode> expect) {
        double tolerance = Expectation.DEFAULT_TOLERANCE;
        double absTolerance = Expectation.NO_ABS_TOLERANCE;
        if (expect.isPresent()) {
            SpecNode node = expect.get();
            node.allowOnly("from_reference", "tolerance", "abs_tol");
            if (node.has("from_reference") && !node.get("from_reference").bool()) {
                throw node.get("from_reference")
                        .fail("a generated case's expected values come from the reference solution:"
                                + " write from_reference: true or leave it out");
            }
            tolerance = node.opt("tolerance").map(SpecNode::number).orElse(tolerance);
            absTolerance =
                    node.opt("abs_tol").map(ExpectationReader::absTolerance).orElse(absTolerance);
        }
        return new Expectation(
                Optional.empty(),
                tolerance,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                OptionalInt.empty(),
                Map.of(),
                OptionalInt.empty(),
                Optional.empty(),
                Map.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                absTolerance);
    }

    /** An expectation that checks nothing: for the grader's own runs of generators and references. */
    public static Expectation noExpectation() {
        return expectation(Optional.empty());
    }

    /** A generated case as {@code count} cases, {@code "name #1"} …; any other case as itself. */
    static List<Case> expand(Case parsed) {
        if (!(parsed.action() instanceof Action.Generated g)) {
            return List.of(parsed);
        }
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < g.count(); i++) {
            cases.add(new Case(
                    caseName(parsed.name(), i),
                    parsed.line(),
                    parsed.points(),
                    parsed.hidden(),
                    parsed.timeout(),
                    parsed.hint(),
                    new Action.Generated(g.function(), g.generator(), g.count(), g.seed(), i),
                    parsed.stdin(),
                    parsed.files(),
                    parsed.expect(),
                    parsed.source(),
                    parsed.stub(),
                    parsed.postgres()));
        }
        return cases;
    }
}
