package dev.sprout.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.apache.commons.io.FileUtils;

import dev.sprout.grading.GradeResult;
import dev.sprout.grading.Grader;
import dev.sprout.runner.CPythonEngine;
import dev.sprout.runner.Interpreter;
import dev.sprout.runner.InterpreterFinder;
import dev.sprout.sandbox.Sandboxes;
import dev.sprout.spec.GraderSpec;
import dev.sprout.spec.SpecParser;

/**
 * Cost of grading one submission on each sandbox tier, side by side with its peer, a plain
 * {@code python3 -I -c pass} spawned from the same JVM in the same run. Not a test: run with
 * {@code mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.sprout.bench.GradingBenchmark}.
 */
public final class GradingBenchmark {

    private static final int WARMUP = 3;
    private static final int RUNS = 21;

    public static void main(String[] args) throws Exception {
        Path pack = Files.createTempDirectory("sprout-bench-");
        try {
            GraderSpec one = exercise(pack, "01-one", 1);
            GraderSpec twelve = exercise(pack, "02-twelve", 12);
            Interpreter python = new InterpreterFinder(Optional.empty(), System.getenv()).find(List.of());
            System.out.println("Interpreter: " + python.describe() + "; " + Runtime.getRuntime().availableProcessors()
                    + " cores; medians of " + RUNS + " runs after " + WARMUP + " warm-up runs.");
            System.out.println();
            double peer = median(() -> {
                Process p = new ProcessBuilder(python.executable().toString(), "-I", "-c", "pass").start();
                p.waitFor();
                return null;
            });
            System.out.println("| what | median ms | × python3 -c pass |");
            System.out.println("|---|---|---|");
            row("`python3 -I -c pass` (peer)", peer, peer);
            for (String tier : List.of("bwrap", "launcher", "none")) {
                Grader grader;
                try {
                    grader = new Grader(new CPythonEngine(new InterpreterFinder(Optional.empty(), System.getenv()),
                            Sandboxes.choose(tier)));
                } catch (RuntimeException unavailable) {
                    System.out.println("| tier " + tier + " | unavailable: " + unavailable.getMessage() + " | |");
                    continue;
                }
                for (GraderSpec spec : List.of(one, twelve)) {
                    Path learner = pack.resolve("exercises/01-stage").resolve(spec.file().getParent().getFileName().toString());
                    double ms = median(() -> {
                        GradeResult result = grader.grade(spec, pack.resolve("graders"), learner);
                        if (!result.passed()) {
                            throw new IllegalStateException("benchmark exercise failed: " + result.verdicts());
                        }
                        return null;
                    });
                    row("grade a " + spec.cases().count() + "-case exercise, tier " + tier, ms, peer);
                }
            }
        } finally {
            FileUtils.deleteQuietly(pack.toFile());
        }
    }

    private static void row(String what, double ms, double peer) {
        System.out.printf("| %s | %.1f | %.2f |%n", what, ms, ms / peer);
    }

    private static double median(Callable<Void> work) throws Exception {
        for (int i = 0; i < WARMUP; i++) {
            work.call();
        }
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            work.call();
            times.add((System.nanoTime() - start) / 1e6);
        }
        Collections.sort(times);
        return times.get(times.size() / 2);
    }

    private static GraderSpec exercise(Path pack, String slug, int cases) throws IOException {
        StringBuilder spec = new StringBuilder("version: 1\nentry: adder.py\ntasks:\n  - name: Adding\n    cases:\n");
        for (int i = 0; i < cases; i++) {
            spec.append("      - name: adds ").append(i).append("\n        call: add\n        args: [").append(i)
                    .append(", 1]\n        expect: {value: ").append(i + 1).append("}\n");
        }
        Path graders = Files.createDirectories(pack.resolve("graders/01-stage").resolve(slug));
        Files.writeString(graders.resolve("grader.yaml"), spec);
        Path learner = Files.createDirectories(pack.resolve("exercises/01-stage").resolve(slug));
        Files.writeString(learner.resolve("adder.py"), "def add(a, b):\n    return a + b\n");
        return SpecParser.parse(graders.resolve("grader.yaml"), slug.substring(3));
    }
}
