package dev.sprout.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.apache.commons.io.FileUtils;

import dev.sprout.catalog.Exercise;
import dev.sprout.catalog.Pack;
import dev.sprout.grading.Grader;
import dev.sprout.result.GradeResult;
import dev.sprout.runner.CPythonEngine;
import dev.sprout.runner.Engine;
import dev.sprout.runner.GraalPyEngine;
import dev.sprout.runner.GraalPyFiles;
import dev.sprout.runner.InterpreterFinder;
import dev.sprout.sandbox.Sandbox;
import dev.sprout.sandbox.Sandboxes;

/**
 * CPython vs GraalPy on the same exercises, in one run: the cold first grading (a new engine:
 * for GraalPy that is the worker JVM and its warm-up), warm grading per submission, the cost
 * per case, the worker's memory, and the jars. Not a test: run with
 * {@code mvn -q -Pgraalpy test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.sprout.bench.EngineBenchmark}
 * after {@code mvn -Pgraalpy package}.
 */
public final class EngineBenchmark {

    private static final int RUNS = 9;
    private static final List<String> EXERCISES = List.of("hello-input", "functions", "calculator");

    public static void main(String[] args) throws Exception {
        Path repo = Path.of("").toAbsolutePath();
        Pack pack = Pack.load(repo);
        Sandbox sandbox = Sandboxes.choose("auto");
        System.out.println(Runtime.getRuntime().availableProcessors() + " cores, sandbox tier "
                + sandbox.tier().letter() + "; warm figures are medians of " + RUNS + " gradings after one.");
        System.out.println();
        System.out.println(
                "| exercise (cases) | engine | cold first grading ms | warm grading ms | warm ms per case |");
        System.out.println("|---|---|---|---|---|");
        Path scratch = Files.createTempDirectory("sprout-engine-bench-");
        try {
            for (String id : EXERCISES) {
                Exercise exercise = pack.exercises().stream()
                        .filter(e -> e.id().equals(id))
                        .findFirst()
                        .orElseThrow();
                Path learner = scratch.resolve(id);
                FileUtils.copyDirectory(pack.starterDir(exercise).toFile(), learner.toFile());
                Files.copy(
                        exercise.graderDir().resolve("solution.py"),
                        learner.resolve(exercise.spec().entry()),
                        StandardCopyOption.REPLACE_EXISTING);
                long cases = exercise.spec().cases().count();
                for (String name : List.of("cpython", "graalpy")) {
                    Engine engine = name.equals("cpython")
                            ? new CPythonEngine(new InterpreterFinder(Optional.empty(), System.getenv()), sandbox)
                            : new GraalPyEngine(sandbox, notice -> {});
                    try {
                        Grader grader = new Grader(engine);
                        long start = System.nanoTime();
                        check(grader.grade(exercise.spec(), pack.graders(), learner));
                        double cold = (System.nanoTime() - start) / 1e6;
                        List<Double> warm = new ArrayList<>();
                        for (int i = 0; i < RUNS; i++) {
                            long t = System.nanoTime();
                            check(grader.grade(exercise.spec(), pack.graders(), learner));
                            warm.add((System.nanoTime() - t) / 1e6);
                        }
                        Collections.sort(warm);
                        double median = warm.get(warm.size() / 2);
                        System.out.printf(
                                "| %s (%d) | %s | %.0f | %.0f | %.1f |%n",
                                id, cases, name, cold, median, median / cases);
                        if (engine instanceof GraalPyEngine) {
                            System.out.println("|  | graalpy worker RSS after grading | " + workerRss() + " | | |");
                        }
                    } finally {
                        if (engine instanceof AutoCloseable closeable) {
                            closeable.close();
                        }
                    }
                }
            }
        } finally {
            FileUtils.deleteQuietly(scratch.toFile());
        }
        GraalPyFiles files = GraalPyFiles.forThisSprout();
        Path buildDir = files.buildDir();
        System.out.println();
        System.out.printf(
                "sprout.jar: %.1f MB; sprout-graalpy.jar: %.1f MB; graalpy-lib/: %.1f MB (%s); "
                        + "graalpy-resources/: %.1f MB%n",
                mb(buildDir.resolve("sprout.jar")),
                mb(buildDir.resolve("sprout-graalpy.jar")),
                mb(files.libDir()),
                "of which GraalPy " + String.format("%.1f MB", graalOnly(files.libDir())),
                mb(files.resourceDir()));
        System.out.println("CLI JVM heap used at the end: "
                + (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / (1 << 20) + " MB");
    }

    private static void check(GradeResult result) {
        if (!result.passed()) {
            throw new IllegalStateException("the reference solution failed: " + result.verdicts());
        }
    }

    /** Resident memory of this JVM's GraalPy worker (a descendant), in MB. */
    private static String workerRss() {
        return ProcessHandle.current()
                .descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("dev.sprout.graalpy.Worker"))
                .filter(p -> p.info().command().orElse("").endsWith("java"))
                .map(p -> {
                    try {
                        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "status"))) {
                            if (line.startsWith("VmRSS:")) {
                                return Long.parseLong(line.replaceAll("\\D", "")) / 1024 + " MB";
                            }
                        }
                    } catch (IOException | RuntimeException e) {
                        return "?";
                    }
                    return "?";
                })
                .findFirst()
                .orElse("?");
    }

    private static double mb(Path path) throws IOException {
        if (!Files.exists(path)) {
            return 0;
        }
        if (Files.isRegularFile(path)) {
            return Files.size(path) / 1e6;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            return walk.filter(Files::isRegularFile)
                            .mapToLong(p -> p.toFile().length())
                            .sum()
                    / 1e6;
        }
    }

    private static double graalOnly(Path lib) throws IOException {
        try (Stream<Path> jars = Files.list(lib)) {
            return jars.filter(p -> {
                                String n = p.getFileName().toString();
                                return !(n.startsWith("jackson")
                                        || n.startsWith("picocli")
                                        || n.startsWith("junit")
                                        || n.startsWith("jline")
                                        || n.startsWith("commons-io")
                                        || n.startsWith("snakeyaml")
                                        || n.startsWith("progressbar")
                                        || n.startsWith("directory-watcher")
                                        || n.startsWith("java-diff")
                                        || n.startsWith("jna")
                                        || n.startsWith("opentest4j")
                                        || n.startsWith("open-test")
                                        || n.startsWith("apiguardian")
                                        || n.startsWith("jspecify")
                                        || n.startsWith("slf4j"));
                            })
                            .mapToLong(p -> p.toFile().length())
                            .sum()
                    / 1e6;
        }
    }
}
