package dev.sprout.result;

import java.util.Optional;

/**
 * The graded outcome of one case, for every report. It travels from the engine to listeners as
 * a JSON report entry ({@link #REPORT_KEY}), so any JUnit tool sees it too.
 *
 * @param exercise  exercise id
 * @param task      1-based task number (Exercism's task_id)
 * @param taskName  the task's name
 * @param name      the case's name
 * @param status    how it ended
 * @param points    points earned (all or nothing per case)
 * @param maxPoints what the case is worth
 * @param hidden    the learner may see only pass or fail
 * @param message   what went wrong, in plain English; empty when passed
 * @param expected  what the spec expected, as text (for a diff or "expected X")
 * @param actual    what was observed, as text
 * @param output    what the learner's code printed (stdout, then stderr)
 * @param line      the learner's line the problem points at, when known
 * @param file      the learner's file
 * @param hint      the case's hint, shown on failure
 * @param testCode  the case as written in the spec
 * @param millis    time the case took
 * @param couldNotRun the learner's code could not run for this case at all: the file failed to
 *                  import, a dependency is missing, or sprout's sandbox or harness failed. Code that
 *                  ran and raised, looped or hit a limit did run.
 */
public record Verdict(
        String exercise,
        int task,
        String taskName,
        String name,
        Status status,
        int points,
        int maxPoints,
        boolean hidden,
        String message,
        Optional<String> expected,
        Optional<String> actual,
        String output,
        Optional<Integer> line,
        String file,
        Optional<String> hint,
        String testCode,
        long millis,
        boolean couldNotRun) {

    public static final String REPORT_KEY = "sprout.verdict";

    /** This verdict pointing at {@code at}, a line of the learner's file. */
    public Verdict atLine(int at) {
        return new Verdict(
                exercise,
                task,
                taskName,
                name,
                status,
                points,
                maxPoints,
                hidden,
                message,
                expected,
                actual,
                output,
                Optional.of(at),
                file,
                hint,
                testCode,
                millis,
                couldNotRun);
    }

    /** This verdict pointing into {@code at}, a file of the learner's package ({@code inventory/report.py}). */
    public Verdict inFile(String at) {
        return new Verdict(
                exercise,
                task,
                taskName,
                name,
                status,
                points,
                maxPoints,
                hidden,
                message,
                expected,
                actual,
                output,
                line,
                at,
                hint,
                testCode,
                millis,
                couldNotRun);
    }

    /** This verdict saying {@code text} instead of its message. */
    public Verdict withMessage(String text) {
        return new Verdict(
                exercise,
                task,
                taskName,
                name,
                status,
                points,
                maxPoints,
                hidden,
                text,
                expected,
                actual,
                output,
                line,
                file,
                hint,
                testCode,
                millis,
                couldNotRun);
    }

    public boolean passed() {
        return status == Status.PASSED;
    }

    private static final String TRACEBACK = "Traceback (most recent call last):";

    /** What the code itself printed: {@link #output()} up to Python's error report, if one follows. */
    public String printed() {
        int at = tracebackStart();
        return at < 0 ? output : output.substring(0, at);
    }

    /** Python's error report (a traceback) at the end of {@link #output()}; empty if there is none. */
    public String traceback() {
        int at = tracebackStart();
        return at < 0 ? "" : output.substring(at);
    }

    private int tracebackStart() {
        if (output.startsWith(TRACEBACK)) {
            return 0;
        }
        int at = output.indexOf("\n" + TRACEBACK);
        return at < 0 ? -1 : at + 1;
    }

    /** Each case ends in exactly one of these. */
    public enum Status {
        PASSED("passed"),
        FAILED("failed"),
        ERROR("error"),
        TIMEOUT("timeout"),
        CPU_LIMIT("cpu-limit"),
        MEMORY_LIMIT("memory-limit"),
        OUTPUT_LIMIT("output-limit"),
        CRASHED("crashed"),
        MISSING_DEPENDENCY("missing-dependency"),
        SANDBOX_UNAVAILABLE("sandbox-unavailable");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** Failed means "wrong answer"; every other non-pass is an error of some kind. */
        public boolean isError() {
            return this != PASSED && this != FAILED;
        }
    }
}
