package dev.sprout.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;

/** Tier C: limits enforced by the harness and the JVM only; no isolation from the machine. */
final class NoSandbox implements Sandbox {

    @Override
    public Tier tier() {
        return Tier.NONE;
    }

    @Override
    public Optional<String> warning() {
        return Optional.of("warning: learner code runs without isolation (sandbox tier C): "
                + "only time, memory and output limits protect this machine.");
    }

    @Override
    public SandboxedProcess start(SandboxRequest request) throws IOException {
        Files.createDirectories(request.scratchDir());
        return HostProcess.start(request.command(), request.environment(), request.scratchDir());
    }
}
