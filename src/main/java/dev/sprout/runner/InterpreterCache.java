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
import tools.jackson.databind.node.MissingNode;
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
        JsonNode old = all.get(interpreter.command());
        ObjectNode entry = all.putObject(interpreter.command());
        // module checks stay valid for the same executable: their own folders' times guard them
        if (old != null
                && old.path("modules").isObject()
                && old.path("executable")
                        .asString("")
                        .equals(interpreter.executable().toString())
                && old.path("executable_mtime").asLong(-1) == modified(interpreter.executable())) {
            entry.set("modules", old.get("modules"));
        }
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

    /**
     * Which of {@code modules} the interpreter lacked when last checked, while no folder that
     * answer depended on (its sys.path, the packages found) has changed since; call after
     * {@link #get} found the interpreter itself unchanged.
     */
    Optional<List<String>> missing(String command, List<String> modules) {
        JsonNode check = read().map(all -> all.path(command).path("modules").path(String.join(",", modules)))
                .orElse(MissingNode.getInstance());
        JsonNode folders = check.path("watched");
        if (!folders.isObject() || folders.isEmpty() || !check.path("missing").isArray()) {
            return Optional.empty();
        }
        for (var folder : folders.properties()) {
            if (modified(Path.of(folder.getKey())) != folder.getValue().asLong(Long.MIN_VALUE)) {
                return Optional.empty();
            }
        }
        List<String> missing = new ArrayList<>();
        check.path("missing").forEach(m -> missing.add(m.asString()));
        // a file that names other modules than were asked about is not this check's answer
        return modules.containsAll(missing) ? Optional.of(List.copyOf(missing)) : Optional.empty();
    }

    /** Remembers a module check with the modification times of the folders it depended on. */
    void putMissing(String command, List<String> modules, List<String> missing, List<Path> watched) {
        if (file.isEmpty() || watched.isEmpty()) {
            return;
        }
        Optional<JsonNode> all = read().filter(JsonNode::isObject);
        if (all.isEmpty() || !all.get().path(command).isObject()) {
            return;
        }
        ObjectNode entry = (ObjectNode) all.get().get(command);
        ObjectNode checks =
                entry.path("modules").isObject() ? (ObjectNode) entry.get("modules") : entry.putObject("modules");
        ObjectNode check = checks.putObject(String.join(",", modules));
        var names = check.putArray("missing");
        missing.forEach(names::add);
        ObjectNode folders = check.putObject("watched");
        // a folder that does not exist yet is watched too (-1): making it can add a module
        watched.forEach(folder -> folders.put(folder.toString(), modified(folder)));
        try {
            UserCache.write(file.get(), JSON.writeValueAsString(all.get()));
        } catch (RuntimeException e) {
            // not written: the next run checks again
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
