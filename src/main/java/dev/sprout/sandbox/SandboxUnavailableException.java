package dev.sprout.sandbox;

/**
 * The sandbox asked for cannot work on this machine. The message is written for the user: it
 * says what failed and what to do (install bubblewrap, lift a user-namespace restriction, or
 * pick another tier with {@code --sandbox}).
 */
public final class SandboxUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SandboxUnavailableException(String message) {
        super(message);
    }
}
