package dev.sprout.runner;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Which JDK runs the GraalPy worker, and whether Truffle compiles Python there. The worker is a
 * JVM of its own, so it need not run on the CLI's JDK: like the {@code sprout} launcher it takes
 * the newest JDK 17+ it finds. On JDK 21+ Truffle's optimizing runtime can compile hot Python
 * to machine code when the Graal compiler ({@code graalpy-compiler/}, built by {@code -Pgraalpy})
 * is on the upgrade module path with JVMCI enabled; on JDK 17, or without those jars, GraalPy
 * runs in its interpreter.
 *
 * <p>{@code auto} (the default) runs the interpreter: measured on 2 cores (BENCHMARKS.md,
 * "GraalPy keeps up"), the optimizing runtime made start-up 1.6× dearer in CPU, a case 1.7×
 * dearer and a class of 40 1.4× slower, because each case runs in a fresh context whose code is compiled
 * again and never gets hot. {@code SPROUT_GRAALPY_RUNTIME=optimizing} turns it on (for long
 * Python computations); {@code SPROUT_GRAALPY_JAVA_HOME} names the worker's JDK.
 *
 * @param javaHome   the worker's JDK
 * @param feature    its major version (17, 21, 25…)
 * @param optimizing true when the worker runs with the Graal compiler (JVMCI on)
 */
record GraalPyJvm(Path javaHome, int feature, boolean optimizing) {

    static final String RUNTIME_VARIABLE = "SPROUT_GRAALPY_RUNTIME";
    static final String JAVA_HOME_VARIABLE = "SPROUT_GRAALPY_JAVA_HOME";
    /** Truffle's optimizing runtime needs JVMCI as JDK 21 and later have it. */
    static final int OPTIMIZING_SINCE = 21;

    private static final Path JVM_FOLDER = Path.of("/usr/lib/jvm");

    /**
     * @param environment the CLI's environment (SPROUT_GRAALPY_RUNTIME: auto, interpreter or
     *                    optimizing; SPROUT_GRAALPY_JAVA_HOME; JAVA_HOME)
     * @throws RunnerException for an unknown runtime name
     */
    static GraalPyJvm choose(GraalPyFiles files, Map<String, String> environment) {
        String runtime =
                environment.getOrDefault(RUNTIME_VARIABLE, "auto").strip().toLowerCase(Locale.ROOT);
        if (!List.of("auto", "", "interpreter", "optimizing").contains(runtime)) {
            throw new RunnerException(
                    RUNTIME_VARIABLE + "=" + runtime + " is not a runtime: use auto, interpreter or optimizing.");
        }
        Path own = Path.of(System.getProperty("java.home"));
        Path home = Optional.ofNullable(environment.get(JAVA_HOME_VARIABLE))
                .filter(s -> !s.isBlank())
                .map(Path::of)
                .filter(p -> Files.isExecutable(java(p)))
                .orElseGet(() -> newest(own, environment));
        int feature = feature(home).orElse(Runtime.version().feature());
        boolean optimizing = runtime.equals("optimizing")
                && feature >= OPTIMIZING_SINCE
                && !files.compilerJars().isEmpty();
        return new GraalPyJvm(home, feature, optimizing);
    }

    /** The same JVM without the compiler: what a worker that failed to start that way falls back to. */
    GraalPyJvm interpreted() {
        return new GraalPyJvm(javaHome, feature, false);
    }

    Path java() {
        return java(javaHome);
    }

    private static Path java(Path home) {
        return home.resolve("bin").resolve("java");
    }

    /** The flags that turn on the optimizing runtime (none for the interpreter). */
    List<String> flags(GraalPyFiles files) {
        if (!optimizing) {
            return List.of();
        }
        return List.of(
                "-XX:+UnlockExperimentalVMOptions",
                "-XX:+EnableJVMCI",
                "--upgrade-module-path="
                        + String.join(
                                ":",
                                files.compilerJars().stream()
                                        .map(Path::toString)
                                        .toList()));
    }

    /** For the line where the CLI says which engine grades. */
    String describe() {
        return "JDK " + feature + ", " + (optimizing ? "Truffle's optimizing runtime" : "interpreted");
    }

    /** The newest JDK 17+ among the CLI's own, JAVA_HOME's and /usr/lib/jvm's, as the launcher picks. */
    static Path newest(Path own, Map<String, String> environment) {
        return newest(own, environment, JVM_FOLDER);
    }

    static Path newest(Path own, Map<String, String> environment, Path jvmFolder) {
        List<Path> candidates = new ArrayList<>(List.of(own));
        Optional.ofNullable(environment.get("JAVA_HOME"))
                .filter(s -> !s.isBlank())
                .map(Path::of)
                .ifPresent(candidates::add);
        if (Files.isDirectory(jvmFolder)) {
            try (DirectoryStream<Path> homes = Files.newDirectoryStream(jvmFolder)) {
                homes.forEach(candidates::add);
            } catch (IOException unreadable) {
                // the CLI's own JDK is always there
            }
        }
        Path best = own;
        int bestFeature = feature(own).orElse(Runtime.version().feature());
        for (Path home : candidates) {
            Optional<Integer> feature = feature(home);
            if (feature.isPresent() && feature.get() > bestFeature && Files.isExecutable(java(home))) {
                best = home;
                bestFeature = feature.get();
            }
        }
        return best;
    }

    /** A JDK's major version from its {@code release} file (no JVM started). */
    static Optional<Integer> feature(Path home) {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release)) {
            return Optional.empty();
        }
        try (Stream<String> lines = Files.lines(release)) {
            return lines.filter(line -> line.startsWith("JAVA_VERSION="))
                    .findFirst()
                    .map(line -> line.substring("JAVA_VERSION=".length()).replace("\"", ""))
                    .flatMap(GraalPyJvm::major);
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    private static Optional<Integer> major(String version) {
        String first = version.split("[^0-9]", 2)[0];
        if (first.isEmpty()) {
            return Optional.empty();
        }
        int major = Integer.parseInt(first);
        if (major == 1) {
            // "1.8.0_392"
            return Optional.of(8);
        }
        return Optional.of(major);
    }
}
