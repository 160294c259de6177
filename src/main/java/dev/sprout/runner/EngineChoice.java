package dev.sprout.runner;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import dev.sprout.sandbox.Sandbox;

/**
 * Which engine grades: {@code cpython}, {@code graalpy}, or {@code auto} (the default): CPython
 * 3.8+ wherever one is found, the interpreter the learner uses at home; GraalPy otherwise.
 */
public final class EngineChoice {

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
            default -> new GraalPyEngine(sandbox, GraalPyFiles.forThisSprout(), interpreters.environment(), notices);
        };
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
