package dev.sprout.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.sprout.process.UserCache;

/**
 * Remembers across runs what a Python command resolves to, because asking costs a spawn (about
 * 300 ms through a pyenv shim) on every one-shot {@code sprout submit}. An entry is trusted
 * only while everything that could change the answer is the same: the command file, PATH,
 * pyenv's version choice, and the real executable.
 */
final class InterpreterCache {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Optional<Path> file;
    private final Map<String, String> environment;

    InterpreterCache(Map<String, String> environment) {
        this.environment = environment;
        this.file = UserCache.file(environment, "interpreters.json");
    }

    Optional<Interpreter> get(String command) {
        Optional<JsonNode> entry = read().map(all -> all.get(command)).filter(JsonNode::isObject);
        if (entry.isEmpty() || !entry.get().path("stamp").asString("").equals(stamp(command))) {
            return Optional.empty();
        }
        JsonNode node = entry.get();
        Path executable = Path.of(node.path("executable").asString());
        if (!Files.isExecutable(executable)
                || modified(executable) != node.path("executable_mtime").asLong(-1)) {
            return Optional.empty();
        }
        List<Path> prefixes = new ArrayList<>();
        node.path("prefixes").forEach(p -> prefixes.add(Path.of(p.asString())));
        return Optional.of(new Interpreter(
                command,
                executable,
                node.path("version").asString(),
                node.path("implementation").asString(),
                prefixes));
    }

    /** Best effort: a cache that cannot be written only costs the next run a probe. */
    void put(Interpreter interpreter) {
        if (file.isEmpty()) {
            return;
        }
        ObjectNode all =
                read().filter(JsonNode::isObject).map(n -> (ObjectNode) n).orElseGet(JSON::createObjectNode);
        ObjectNode entry = all.putObject(interpreter.command());
        entry.put("stamp", stamp(interpreter.command()));
        entry.put("executable", interpreter.executable().toString());
        entry.put("executable_mtime", modified(interpreter.executable()));
        entry.put("version", interpreter.version());
        entry.put("implementation", interpreter.implementation());
        var prefixes = entry.putArray("prefixes");
        interpreter.prefixes().forEach(p -> prefixes.add(p.toString()));
        try {
            UserCache.write(file.get(), JSON.writeValueAsString(all));
        } catch (RuntimeException e) {
            // not written: the next run probes
        }
    }

    /** Only a file that this user alone could have written ({@link UserCache#read}). */
    private Optional<JsonNode> read() {
        try {
            return file.flatMap(UserCache::read).map(JSON::readTree);
        } catch (RuntimeException corrupt) {
            return Optional.empty();
        }
    }

    private String stamp(String command) {
        Path commandPath = Path.of(command);
        String home = environment.getOrDefault("HOME", "");
        String pyenvRoot = environment.getOrDefault("PYENV_ROOT", home + "/.pyenv");
        return String.join(
                "|",
                String.valueOf(modified(commandPath)),
                environment.getOrDefault("PATH", ""),
                environment.getOrDefault("PYENV_VERSION", ""),
                String.valueOf(modified(Path.of(pyenvRoot, "version"))),
                nearestPythonVersion());
    }

    /** pyenv lets a .python-version file in the folder (or a parent) choose the interpreter. */
    private static String nearestPythonVersion() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path version = dir.resolve(".python-version");
            if (Files.isRegularFile(version)) {
                return version + "@" + modified(version);
            }
        }
        return "";
    }

    private static long modified(Path path) {
        try {
            return Files.getLastModifiedTime(path).toMillis();
        } catch (IOException e) {
            return -1;
        }
    }
}
