package dev.sprout.runner;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a {@code tests} case saw: the learner's tests run against the module in the case folder
 * (docs/harness-protocol.md, "Tests cases"). No verdict: the grading policy decides.
 *
 * @param runner  {@code pytest}, or {@code builtin} (the harness's own runner, where pytest is absent)
 * @param results each test collected, in order (at most 500)
 * @param more    tests run beyond those listed
 * @param error   the test file could not be collected (it raised while importing): the runner's text
 */
public record TestRun(String runner, List<Test> results, int more, Optional<String> error) {

    public TestRun {
        results = List.copyOf(results);
    }

    /**
     * One test.
     *
     * @param name    as pytest names it: {@code test_total}, {@code test_total[0-1]}, {@code TestCart.test_empty}
     * @param outcome {@code passed}, {@code failed} (an assert or an exception) or {@code skipped}
     * @param message why it failed, as the runner put it (its first lines)
     * @param line    the line in the learner's test file where it failed, when known
     */
    public record Test(String name, String outcome, String message, OptionalInt line) {
        public boolean passed() {
            return outcome.equals("passed");
        }

        public boolean failed() {
            return outcome.equals("failed");
        }
    }

    public long passed() {
        return results.stream().filter(Test::passed).count();
    }

    public long failed() {
        return results.stream().filter(Test::failed).count();
    }

    /** Tests that ran (skipped ones did not). */
    public long ran() {
        return passed() + failed();
    }
}
