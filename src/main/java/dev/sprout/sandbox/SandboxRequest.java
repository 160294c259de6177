package dev.sprout.sandbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What to run in a sandbox.
 *
 * <p>On tier A only /usr (with /bin, /lib… as the host links them), the paths below, and tiny
 * /etc/hosts, /etc/passwd and /etc/group files exist inside; {@code scratchDir} is the only
 * writable place, so a program that wants a temp dir should get {@code TMPDIR=scratchDir}.
 * When the JVM runs as root, learner code never runs as root: as uid/gid 65534 on tier A (the
 * sandbox makes {@code sourceDir} readable by others), as a user id of the sandbox's own on
 * tier B (the sandbox makes {@code sourceDir} readable by that id's group only and hands it
 * {@code scratchDir}). Every {@code readOnlyPaths} entry must itself be readable by others (tier
 * A stages entries whose parent directories are closed, such as a pyenv prefix under /root;
 * tier B cannot).
 *
 * @param command       the program (an absolute path) and its arguments, with paths as seen
 *                      from the host; on tier A they are the same paths inside
 * @param sourceDir     the learner's files (a private copy); readable, never writable, inside
 * @param scratchDir    a host directory the sandboxed program may write (tier B/C); tier A
 *                      uses a size-capped tmpfs at the same path instead
 * @param readOnlyPaths further host paths the program needs to read (interpreter prefix, harness)
 * @param environment   the complete environment inside (nothing is inherited)
 * @param limits        limits for the whole sandbox
 * @param setsOwnBackstop the program sets the sandbox-wide backstop limits itself, first thing,
 *                      from {@value #BACKSTOP_NPROC} (process count) plus fixed core and open-file
 *                      limits, as the harness does: tier A then passes the variable instead of
 *                      starting the program through prlimit, one exec fewer
 */
public record SandboxRequest(
        List<String> command,
        Path sourceDir,
        Path scratchDir,
        List<Path> readOnlyPaths,
        Map<String, String> environment,
        Limits limits,
        boolean setsOwnBackstop) {

    /** The environment variable a program that {@link #setsOwnBackstop} reads its process limit from. */
    public static final String BACKSTOP_NPROC = "SPROUT_BACKSTOP_NPROC";

    /**
     * Set by the sandbox in the program's environment: writable folders besides {@code scratchDir}
     * that belong to this sandbox alone (tier A: its /dev/shm), separated by ':'. The harness
     * empties them after every case, as it does the scratch dir. Absent when there are none.
     */
    public static final String PRIVATE_DIRS = "SPROUT_PRIVATE_DIRS";

    public SandboxRequest {
        command = List.copyOf(command);
        readOnlyPaths = List.copyOf(readOnlyPaths);
        environment = Map.copyOf(environment);
    }

    /** A request for any program: the sandbox applies the backstop limits itself. */
    public SandboxRequest(
            List<String> command,
            Path sourceDir,
            Path scratchDir,
            List<Path> readOnlyPaths,
            Map<String, String> environment,
            Limits limits) {
        this(command, sourceDir, scratchDir, readOnlyPaths, environment, limits, false);
    }

    /** The process limit for the whole sandbox: room for the harness, its children and their per-case limits. */
    int backstopProcesses() {
        return Math.max(256, 4 * limits.processes());
    }
}
