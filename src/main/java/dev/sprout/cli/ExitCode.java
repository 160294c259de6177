package dev.sprout.cli;

/** sprout's exit codes, listed in every command's --help. */
public final class ExitCode {

    /** Everything graded passed (or the command did what was asked). */
    public static final int OK = 0;
    /** Some case failed: the learner has work to do. */
    public static final int FAILED = 1;
    /** Bad usage, or a broken spec, exercise or workspace. */
    public static final int USAGE = 2;
    /** sprout itself failed: please report it. */
    public static final int INTERNAL = 3;

    static final String HELP = "%nExit codes:%n"
            + "  0  all checks passed%n"
            + "  1  some check failed%n"
            + "  2  bad usage, or a broken grader spec, exercise or workspace%n"
            + "  3  internal error in sprout";

    private ExitCode() {
    }
}
