package dev.sprout.sandbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What to run in a sandbox.
 *
 * @param command       the program and its arguments, with paths as seen from the host
 * @param sourceDir     the learner's files (a private copy); readable, never writable, inside
 * @param scratchDir    a host directory the sandboxed program may write (tier B/C); tier A
 *                      uses a size-capped tmpfs at the same path instead
 * @param readOnlyPaths further host paths the program needs to read (interpreter prefix, harness)
 * @param environment   the complete environment inside (nothing is inherited)
 * @param limits        limits for the whole sandbox
 */
public record SandboxRequest(
        List<String> command,
        Path sourceDir,
        Path scratchDir,
        List<Path> readOnlyPaths,
        Map<String, String> environment,
        Limits limits) {

    public SandboxRequest {
        command = List.copyOf(command);
        readOnlyPaths = List.copyOf(readOnlyPaths);
        environment = Map.copyOf(environment);
    }
}
