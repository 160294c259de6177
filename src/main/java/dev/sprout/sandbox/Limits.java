package dev.sprout.sandbox;

import java.time.Duration;

/**
 * Resource limits for learner code. Per-case limits are enforced by the harness inside the
 * sandbox; {@code submissionWall} and {@code scratchBytes} bound the whole sandbox.
 * Defaults sit near Judge0's (CPU 5 s, wall 10 s, 128 MB) and Exercism's (1 MiB of output).
 */
public record Limits(
        Duration cpu,
        Duration wall,
        long memoryBytes,
        long outputBytes,
        long fileBytes,
        int processes,
        long scratchBytes,
        Duration submissionWall) {

    public static final Limits DEFAULTS = new Limits(
            Duration.ofSeconds(2),
            Duration.ofSeconds(5),
            512L << 20,
            1L << 20,
            16L << 20,
            64,
            64L << 20,
            Duration.ofSeconds(60));

    public Limits withCpu(Duration value) {
        return new Limits(value, wall, memoryBytes, outputBytes, fileBytes, processes, scratchBytes, submissionWall);
    }

    public Limits withWall(Duration value) {
        return new Limits(cpu, value, memoryBytes, outputBytes, fileBytes, processes, scratchBytes, submissionWall);
    }

    public Limits withMemoryBytes(long value) {
        return new Limits(cpu, wall, value, outputBytes, fileBytes, processes, scratchBytes, submissionWall);
    }

    public Limits withOutputBytes(long value) {
        return new Limits(cpu, wall, memoryBytes, value, fileBytes, processes, scratchBytes, submissionWall);
    }

    public Limits withFileBytes(long value) {
        return new Limits(cpu, wall, memoryBytes, outputBytes, value, processes, scratchBytes, submissionWall);
    }

    public Limits withProcesses(int value) {
        return new Limits(cpu, wall, memoryBytes, outputBytes, fileBytes, value, scratchBytes, submissionWall);
    }

    public Limits withScratchBytes(long value) {
        return new Limits(cpu, wall, memoryBytes, outputBytes, fileBytes, processes, value, submissionWall);
    }

    public Limits withSubmissionWall(Duration value) {
        return new Limits(cpu, wall, memoryBytes, outputBytes, fileBytes, processes, scratchBytes, value);
    }
}
