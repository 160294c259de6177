package dev.sprout.runner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import dev.sprout.sandbox.SandboxRequest;

/**
 * How a CPython harness is started (docs/harness-protocol.md): its sandbox request, and the hello
 * and load requests sent together right after it starts.
 */
final class HarnessLaunch {

    private HarnessLaunch() {}

    /**
     * @param harness  harness.py, beside its package
     * @param compiled whether {@link HarnessFiles} has the harness's compiled code to boot from
     */
    static SandboxRequest request(
            Interpreter interpreter, Path harness, boolean compiled, Path source, Path scratch, Submission submission) {
        return request(interpreter, harness, compiled, source, scratch, submission, Optional.empty());
    }

    /** As above, showing the sandbox what a PostgreSQL server needs. */
    static SandboxRequest request(
            Interpreter interpreter,
            Path harness,
            boolean compiled,
            Path source,
            Path scratch,
            Submission submission,
            Optional<PostgresServer> postgres) {
        List<Path> readOnly = new ArrayList<>(interpreter.prefixes());
        postgres.ifPresent(server -> readOnly.addAll(server.readOnlyPaths()));
        readOnly.add(interpreter.executable().getParent());
        readOnly.add(harness.getParent());
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("LANG", "C.UTF-8");
        env.put("PYTHONIOENCODING", "utf-8");
        env.put("PYTHONHASHSEED", "0");
        env.put("HOME", scratch.toString());
        env.put("TMPDIR", scratch.toString());
        // without site when no installed package is required: the harness brings site in on demand
        String flags = submission.requires().isEmpty() ? "-ISB" : "-IB";
        List<String> command = !compiled
                ? List.of(
                        interpreter.executable().toString(),
                        flags,
                        harness.toString(),
                        source.toString(),
                        scratch.toString())
                : List.of(
                        interpreter.executable().toString(),
                        flags,
                        "-c",
                        HarnessFiles.BOOT,
                        harness.getParent().toString(),
                        source.toString(),
                        scratch.toString());
        // the harness sets the sandbox-wide backstop limits itself (docs/harness-protocol.md)
        return new SandboxRequest(command, source, scratch, readOnly, env, submission.limits(), true);
    }

    /** @param askCode whether the harness should hand back its compiled code ({@link HarnessFiles#remember}) */
    static ObjectNode hello(boolean askCode) {
        return JsonNodeFactory.instance.objectNode().put("op", "hello").put("code", askCode);
    }

    /**
     * Imports the installed packages an exercise requires once, in the harness, so every case
     * child inherits them instead of importing flask or requests again (docs/harness-protocol.md).
     */
    static ObjectNode preload(List<String> modules) {
        ObjectNode preload = JsonNodeFactory.instance.objectNode().put("op", "preload");
        modules.forEach(preload.putArray("modules")::add);
        return preload;
    }

    static ObjectNode load(Submission submission) {
        ObjectNode load =
                JsonNodeFactory.instance.objectNode().put("op", "load").put("entry", submission.entry());
        // the harness forks its first case child with these right away (cases usually share them)
        Wire.putLimits(load, submission.limits());
        return load;
    }
}
