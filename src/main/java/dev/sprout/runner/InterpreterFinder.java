package dev.sprout.runner;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.sprout.process.HostCommand;
import dev.sprout.process.HostRun;

/**
 * Finds Python interpreters and resolves each once to its real executable. The user's choice
 * ({@code --python} or {@code SPROUT_PYTHON}) wins; otherwise {@code python3} on PATH, then the
 * system's {@code /usr/bin/python3} (where Debian's python3-flask installs Flask).
 */
public final class InterpreterFinder {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PROBE = String.join(
            "\n",
            "import sys, os, json, platform, importlib.util, importlib.machinery",
            // the folders whose change could change an answer: sys.path, and where each part was found
            "watched = set(p for p in sys.path if p)",
            // find_spec('pkg.sub') imports pkg, running its code here, on the host, outside any
            // sandbox: locate each part on the parent's search path instead, importing nothing
            "def present(name):",
            "  parts = name.split('.')",
            "  if not all(p.isidentifier() for p in parts): return False",
            "  spec = importlib.util.find_spec(parts[0])",
            "  for part in parts[1:]:",
            "    if spec is None or not spec.submodule_search_locations: return False",
            "    watched.update(spec.submodule_search_locations)",
            "    spec = importlib.machinery.PathFinder.find_spec(part, list(spec.submodule_search_locations))",
            "  if spec is not None and spec.submodule_search_locations: watched.update(spec.submodule_search_locations)",
            "  return spec is not None",
            "missing = [m for m in sys.argv[1:] if not present(m)]",
            "print(json.dumps({'executable': sys.executable, 'version': platform.python_version(),",
            "  'implementation': sys.implementation.name,",
            "  'prefixes': sorted({sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix}),",
            "  'missing': missing, 'watched': sorted(p for p in watched if os.path.isabs(p))}))");

    private final Optional<String> chosen;
    private final Map<String, String> environment;
    private final Map<String, Probe> probes = new ConcurrentHashMap<>();
    /** The folders each module check depends on, by probe key, to remember the answer with. */
    private final Map<String, List<Path>> watched = new ConcurrentHashMap<>();

    private final InterpreterCache cache;
    private final List<Path> systemPythons;
    private final Duration probeTimeout;
    /** Why each candidate that could not be probed failed, for the message when none works. */
    private final Map<String, String> failures = new ConcurrentHashMap<>();

    /** What one interpreter said about itself and which of the asked modules it lacks. */
    public record Probe(Interpreter interpreter, List<String> missing) {}

    /** @param chosen the interpreter the user asked for, if any */
    public InterpreterFinder(Optional<String> chosen, Map<String, String> environment) {
        this(chosen, environment, List.of(Path.of("/usr/bin/python3")));
    }

    /** @param systemPythons tried after PATH (tests of a machine without Python pass none) */
    /** The environment sprout was started with (other choices than the interpreter are made from it). */
    Map<String, String> environment() {
        return environment;
    }

    InterpreterFinder(Optional<String> chosen, Map<String, String> environment, List<Path> systemPythons) {
        this(chosen, environment, systemPythons, Duration.ofSeconds(20));
    }

    /** @param probeTimeout how long one interpreter may take to describe itself */
    InterpreterFinder(
            Optional<String> chosen, Map<String, String> environment, List<Path> systemPythons, Duration probeTimeout) {
        this.probeTimeout = probeTimeout;
        this.chosen = chosen.or(
                () -> Optional.ofNullable(environment.get("SPROUT_PYTHON")).filter(s -> !s.isBlank()));
        this.environment = Map.copyOf(environment);
        this.cache = new InterpreterCache(this.environment);
        this.systemPythons = List.copyOf(systemPythons);
    }

    public Optional<String> chosen() {
        return chosen;
    }

    /**
     * The interpreter to grade with: the chosen one, or the first candidate that has every
     * required module (the first candidate when none has them, so the learner is told what to
     * install for the interpreter they use).
     */
    public Interpreter find(List<String> requiredModules) {
        List<String> candidates = candidates();
        if (candidates.isEmpty()) {
            throw new RunnerException(
                    "No Python 3 found. Install Python 3.8 or newer (e.g. `sudo apt-get install python3`),"
                            + " or name one with --python PATH.");
        }
        Probe first = null;
        for (String candidate : candidates) {
            Optional<Probe> probe = probe(candidate, requiredModules);
            if (probe.isEmpty()) {
                continue;
            }
            if (first == null) {
                first = probe.get();
            }
            if (probe.get().missing().isEmpty() || chosen.isPresent()) {
                return probe.get().interpreter();
            }
        }
        if (first == null) {
            throw new RunnerException("Could not start Python (tried " + String.join(", ", candidates)
                    + "). Check that it runs, or name another with --python PATH." + reasons(candidates));
        }
        return first.interpreter();
    }

    private String reasons(List<String> candidates) {
        StringBuilder text = new StringBuilder();
        for (String candidate : candidates) {
            Optional.ofNullable(failures.get(candidate))
                    .ifPresent(why -> text.append("\n").append(why));
        }
        return text.toString();
    }

    /** Modules from {@code requiredModules} that {@code interpreter} lacks. */
    public List<String> missing(Interpreter interpreter, List<String> requiredModules) {
        return probe(interpreter.command(), requiredModules).map(Probe::missing).orElse(requiredModules);
    }

    List<String> candidates() {
        if (chosen.isPresent()) {
            return List.of(chosen.get());
        }
        Set<String> found = new LinkedHashSet<>();
        for (String dir : environment.getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path python = Path.of(dir.isEmpty() ? "." : dir, "python3");
            if (Files.isExecutable(python)) {
                found.add(python.toString());
                break;
            }
        }
        for (Path system : systemPythons) {
            if (Files.isExecutable(system)) {
                found.add(system.toString());
            }
        }
        return new ArrayList<>(found);
    }

    private Optional<Probe> probe(String command, List<String> modules) {
        String key = command + "\0" + String.join(",", modules);
        Probe cached = probes.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        // remembered across runs: which interpreter a command is, and which modules it lacks,
        // the latter only while no folder on its sys.path changed (installing or removing a
        // package changes its site-packages folder), so a learner who just installed Flask is
        // never told to install it again
        Optional<Interpreter> remembered = cache.get(command);
        if (remembered.isPresent()) {
            Optional<List<String>> missing =
                    modules.isEmpty() ? Optional.of(List.of()) : cache.missing(command, modules);
            if (missing.isPresent()) {
                Probe probe = new Probe(remembered.get(), missing.get());
                probes.put(key, probe);
                return Optional.of(probe);
            }
        }
        Optional<Probe> probe = runProbe(command, modules, key);
        probe.ifPresent(p -> {
            probes.put(key, p);
            cache.put(p.interpreter());
            if (!modules.isEmpty()) {
                cache.putMissing(command, modules, p.missing(), watched.getOrDefault(key, List.of()));
            }
        });
        return probe;
    }

    private Optional<Probe> runProbe(String command, List<String> modules, String key) {
        List<String> argv = new ArrayList<>(List.of(command, "-I", "-c", PROBE));
        argv.addAll(modules);
        Map<String, String> kept = new HashMap<>();
        for (String keep : List.of("PATH", "HOME", "PYENV_ROOT", "PYENV_VERSION", "LANG")) {
            Optional.ofNullable(environment.get(keep)).ifPresent(v -> kept.put(keep, v));
        }
        // the timed wait covers reading the output too: a python that prints and then hangs
        // with its output open is timed out, not waited on
        HostRun run = HostCommand.of(argv)
                .environment(kept)
                .mergeStderr()
                .outputCap(64 * 1024)
                .timeout(probeTimeout)
                .run();
        if (!run.ok()) {
            failures.put(command, run.diagnosis());
            return Optional.empty();
        }
        try {
            String text = run.stdout().strip();
            JsonNode info = JSON.readTree(text.substring(text.lastIndexOf('\n') + 1));
            List<Path> prefixes = new ArrayList<>();
            info.path("prefixes").forEach(p -> prefixes.add(Path.of(p.asString())));
            Interpreter interpreter = new Interpreter(
                    command,
                    Path.of(info.path("executable").asString()),
                    info.path("version").asString(),
                    info.path("implementation").asString(),
                    prefixes);
            if (!interpreter.atLeast(3, 8)) {
                failures.put(command, command + " is Python " + interpreter.version() + "; sprout needs 3.8 or newer");
                return Optional.empty();
            }
            List<String> missing = new ArrayList<>();
            info.path("missing").forEach(m -> missing.add(m.asString()));
            List<Path> folders = new ArrayList<>();
            info.path("watched").forEach(p -> folders.add(Path.of(p.asString())));
            watched.put(key, List.copyOf(folders));
            return Optional.of(new Probe(interpreter, missing));
        } catch (RuntimeException e) {
            failures.put(command, command + " answered in a way sprout did not understand: " + e.getMessage());
            return Optional.empty();
        }
    }
}
