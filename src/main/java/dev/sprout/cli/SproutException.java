package dev.sprout.cli;

/** A problem to show the user as a message with an exit code, never as a stack trace. */
public final class SproutException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    private SproutException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public static SproutException invalidInput(String message) {
        return new SproutException(message, ExitCode.USAGE, null);
    }

    public static SproutException badSpec(String message, Throwable cause) {
        return new SproutException(message, ExitCode.USAGE, cause);
    }

    public static SproutException internal(String message, Throwable cause) {
        return new SproutException(message, ExitCode.INTERNAL, cause);
    }

    public int exitCode() {
        return exitCode;
    }
}
