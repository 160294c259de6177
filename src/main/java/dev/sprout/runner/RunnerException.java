package dev.sprout.runner;

/** The runner cannot grade (no interpreter, the sandbox failed to start); the message is for the user. */
public final class RunnerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RunnerException(String message) {
        super(message);
    }

    public RunnerException(String message, Throwable cause) {
        super(message, cause);
    }
}
