package dev.sprout.result;

import java.util.List;
import java.util.Optional;

/**
 * The graded outcome of one exercise for one submission.
 *
 * @param exercise   exercise id
 * @param title      exercise title
 * @param file       the learner's file, as they would name it
 * @param loadError  set when the file could not be loaded (a syntax error); no case ran
 * @param verdicts   one per case that ran, in spec order
 * @param maxScore   the points all cases are worth
 * @param runWith    which interpreter and sandbox graded it
 */
public record GradeResult(
        String exercise,
        String title,
        String file,
        Optional<LoadError> loadError,
        List<Verdict> verdicts,
        int maxScore,
        String runWith) {

    public GradeResult {
        verdicts = List.copyOf(verdicts);
    }

    /**
     * A file Python could not read, located for the learner.
     *
     * @param file for a package entry, the file of it that could not be read ({@code inventory/models.py}); else empty
     */
    public record LoadError(
            String message,
            String type,
            Optional<Integer> line,
            Optional<Integer> column,
            Optional<String> text,
            String details,
            String file) {

        public LoadError(
                String message,
                String type,
                Optional<Integer> line,
                Optional<Integer> column,
                Optional<String> text,
                String details) {
            this(message, type, line, column, text, details, "");
        }
    }

    public enum Status {
        PASS("pass"),
        FAIL("fail"),
        ERROR("error");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public int score() {
        return verdicts.stream().mapToInt(Verdict::points).sum();
    }

    /**
     * Exercism's rule, as docs/grading-in-ci.md says: error when the code could not run at all (a
     * syntax error, a missing file, a file that fails to import, a missing dependency, the sandbox
     * failing), fail when any case failed. Code that ran and looped, raised or hit a limit in every
     * case is a fail: it is the same bug as in a submission where one case passed.
     */
    public Status status() {
        if (loadError.isPresent() || verdicts.isEmpty() || verdicts.stream().allMatch(Verdict::couldNotRun)) {
            return Status.ERROR;
        }
        return verdicts.stream().allMatch(Verdict::passed) ? Status.PASS : Status.FAIL;
    }

    public boolean passed() {
        return status() == Status.PASS;
    }
}
