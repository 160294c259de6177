package dev.sprout.hostile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;

import dev.sprout.grading.Grader;
import dev.sprout.result.Verdict;
import dev.sprout.runner.CPythonEngine;
import dev.sprout.runner.InterpreterFinder;
import dev.sprout.sandbox.Sandboxes;

/**
 * The main class {@link Unprivileged} runs as an ordinary user: grades one hostile scenario in an
 * {@link Arena} of its own, through the real pipeline, and prints each verdict as
 * {@code VERDICT<TAB>name<TAB>status} and each fixture report as {@code REPORT<TAB>name<TAB>json}.
 * Exit 0 when the arena's own checks held, 3 when one failed (an attack passed, a process
 * survived…), 4 when the tier does not work here.
 */
final class UnprivilegedGrading {

    private UnprivilegedGrading() {}

    public static void main(String[] args) throws Exception {
        String tier = args[0];
        String scenario = args[1];
        Path temp = Files.createTempDirectory("sprout-unprivileged-arena-");
        int status;
        try {
            RecordingSandbox sandbox;
            try {
                sandbox = new RecordingSandbox(Sandboxes.choose(tier));
            } catch (RuntimeException unavailable) {
                System.out.println("UNAVAILABLE\t" + unavailable.getMessage());
                System.exit(4);
                return;
            }
            Grader grader = new Grader(new CPythonEngine(
                    new InterpreterFinder(Optional.of("/usr/bin/python3"), System.getenv()), sandbox));
            Arena arena = new Arena(temp, tier, grader, sandbox);
            try {
                Arena.Graded graded = grade(arena, scenario);
                for (Verdict v : graded.result().verdicts()) {
                    System.out.println("VERDICT\t" + v.name() + "\t" + v.status());
                }
                graded.reports().forEach((name, report) -> System.out.println("REPORT\t" + name + "\t" + report));
                System.out.println("DESCRIBE\t" + graded.describe().replace('\n', ' '));
                status = 0;
            } catch (AssertionError failed) {
                System.out.println("CHECK-FAILED\t" + failed.getMessage().replace('\n', ' '));
                status = 3;
            }
        } finally {
            deleteTree(temp);
        }
        System.out.flush();
        System.exit(status);
    }

    static Arena.Graded grade(Arena arena, String scenario) throws Exception {
        return switch (scenario) {
            case "forge-channel" -> arena.grade("forge_channel.py", Arena.LIMITS, forgeChannelCases(arena));
            default -> throw new IllegalArgumentException("no scenario " + scenario);
        };
    }

    /** The attack first (its id is then c1), and an honest case after it. */
    static String[] forgeChannelCases(Arena arena) {
        return new String[] {
            arena.call(
                    "attack: forged reply through /proc",
                    "attack",
                    "{value: " + Arena.quote("forged-" + arena.token()) + "}",
                    "c1",
                    ProcScan.ownPidNamespace()),
            Arena.honestAdd("the next case gets its own result")
        };
    }

    private static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException ignored) {
            // a temp dir: the system cleans it eventually
        }
    }
}
