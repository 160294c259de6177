package dev.sprout.runner;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import dev.sprout.sandbox.Sandbox;

/**
 * Which engine grades: {@code cpython}, {@code graalpy}, or {@code auto} (the default): CPython
 * 3.8+ wherever one is found, the interpreter the learner uses at home; GraalPy otherwise.
 */
public final class EngineChoice {

    // kept engines, for a JVM that runs many commands (keepGraalPyWarm)
    private static volatile boolean keepWarm;
    private static final Map<String, GraalPyEngine> WARM = new ConcurrentHashMap<>();
    /** The running command's messages: a kept engine outlives the console it was made for. */
    private static final AtomicReference<Consumer<String>> WARM_NOTICES = new AtomicReference<>(notice -> {});

    private EngineChoice() {}

    /** Why {@code auto} picked what it picked, for {@code sprout doctor}. */
    public record Decision(String engine, String reason) {}

    /**
     * @param requested "auto", "cpython" or "graalpy" (the {@code --engine} option)
     * @throws IllegalArgumentException for any other name
     */
    public static Engine choose(
            String requested, InterpreterFinder interpreters, Sandbox sandbox, Consumer<String> notices) {
        return switch (decide(requested, interpreters).engine()) {
            case "cpython" -> new CPythonEngine(interpreters, sandbox);
            default -> graalPy(sandbox, interpreters.environment(), notices);
        };
    }

    /**
     * Keep GraalPy engines, and so their warm workers, from one command to the next in this JVM
     * (the warm server: a GraalPy submit then skips the worker's ~5 s start). Off closes them.
     */
    public static void keepGraalPyWarm(boolean on) {
        keepWarm = on;
        if (!on) {
            WARM.values().forEach(GraalPyEngine::close);
            WARM.clear();
        }
    }

    private static Engine graalPy(Sandbox sandbox, Map<String, String> environment, Consumer<String> notices) {
        if (!keepWarm) {
            return new GraalPyEngine(sandbox, GraalPyFiles.forThisSprout(), environment, notices);
        }
        WARM_NOTICES.set(notices);
        // what chooses the worker's JDK and runtime, and the sandbox; not the terminal's variables
        StringBuilder key = new StringBuilder(sandbox.tier().name());
        new TreeMap<>(environment).forEach((name, value) -> {
            if (name.startsWith("SPROUT_") || name.equals("JAVA_HOME") || name.equals("PATH")) {
                key.append('\n').append(name).append('=').append(value);
            }
        });
        GraalPyEngine engine = WARM.computeIfAbsent(
                key.toString(),
                unused -> new GraalPyEngine(
                                sandbox,
                                GraalPyFiles.forThisSprout(),
                                environment,
                                notice -> WARM_NOTICES.get().accept(notice))
                        .keptWarm());
        engine.newCommand();
        return engine;
    }

    public static Decision decide(String requested, InterpreterFinder interpreters) {
        String name = requested == null ? "auto" : requested.strip().toLowerCase(Locale.ROOT);
        switch (name) {
            case "cpython":
                return new Decision("cpython", "chosen with --engine cpython");
            case "graalpy":
                return new Decision("graalpy", "chosen with --engine graalpy");
            case "auto":
                try {
                    Interpreter found = interpreters.find(List.of());
                    return new Decision("cpython", "found " + found.describe());
                } catch (RunnerException none) {
                    if (interpreters.chosen().isPresent()) {
                        // the user named a Python: say what is wrong with it rather than switch engines
                        return new Decision("cpython", none.getMessage());
                    }
                    return new Decision(
                            "graalpy", "no Python 3.8 or newer found, so sprout uses GraalPy, its built-in Python");
                }
            default:
                throw new IllegalArgumentException("unknown engine '" + requested + "': use auto, cpython or graalpy");
        }
    }
}
