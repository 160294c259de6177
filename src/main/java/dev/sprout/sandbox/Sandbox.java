package dev.sprout.sandbox;

import java.io.IOException;
import java.util.Optional;

/** Starts untrusted programs isolated at one {@link Tier}. Implementations are immutable. */
public interface Sandbox {

    Tier tier();

    /** A one-line warning for the learner when this tier isolates less than tier A. */
    Optional<String> warning();

    /**
     * Starts the request's command inside the sandbox. The returned process has its stdin,
     * stdout and stderr as pipes, and {@link SandboxedProcess#close()} kills its whole tree.
     */
    SandboxedProcess start(SandboxRequest request) throws IOException;
}
