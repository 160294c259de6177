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
    /** Stopped with Ctrl-C (128 + SIGINT, as shells report it). */
    public static final int INTERRUPTED = 130;

    static final String HELP = "%nExit codes:%n"
            + "  0  all checks passed%n"
            + "  1  some check failed%n"
            + "  2  bad usage, or a broken grader spec, exercise or workspace%n"
            + "  3  internal error in sprout";

    /** For commands that show or change things but check no code (init, next, list, hint, reset, progress). */
    static final String HELP_NO_CHECKS = "%nExit codes:%n"
            + "  0  done%n"
            + "  2  bad usage, or a broken exercise or workspace%n"
            + "  3  internal error in sprout";

    static final String HELP_DOCTOR = "%nExit codes:%n"
            + "  0  sprout has what it needs to check your code%n"
            + "  2  something is missing (the lines above say what to install)%n"
            + "  3  internal error in sprout";

    static final String HELP_RUN = "%nExit codes:%n"
            + "  0  your program ran and finished normally%n"
            + "  1  your program stopped with an error%n"
            + "  2  bad usage, or a broken exercise or workspace%n"
            + "  3  internal error in sprout";

    private ExitCode() {}
}
