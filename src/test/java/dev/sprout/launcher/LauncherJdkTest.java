package dev.sprout.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code ./sprout} runs before the JVM: a JDK decided once and remembered next to the jar
 * (no {@code java -version} per call), heap bounds on the JVM, and the start-up archive trained
 * from a {@code submit} of the functions exercise rather than from the first command typed. The
 * JDK is a logging wrapper around the JDK running this test; the jar a probe (as in
 * {@link LauncherSymlinkTest}), so the launcher never builds.
 */
class LauncherJdkTest {

    @TempDir
    Path temp;

    private Path repo;
    private Path javaHome;
    private Path calls;

    /** Stands in for sprout's Main. */
    public static final class Probe {
        public static void main(String[] args) {
            System.out.println("probe got " + String.join(" ", args));
        }
    }

    @BeforeEach
    void fakeRepositoryAndJdk() throws Exception {
        repo = FakeRepository.make(temp.resolve("repo"), Probe.class);

        // a JDK whose java logs each call, one line of arguments, then runs the real one
        javaHome = Files.createDirectories(temp.resolve("jdk"));
        calls = temp.resolve("calls");
        Path java = Files.createDirectories(javaHome.resolve("bin")).resolve("java");
        Path real = Path.of(System.getProperty("java.home"), "bin", "java");
        // the warm server's client answers "no server: run it yourself" (75), as on a first call
        Files.writeString(
                java,
                "#!/bin/sh\necho \"$*\" >> '" + calls + "'\n"
                        + "case \"$*\" in *dev.sprout.daemon.Client*) exit 75 ;; esac\n"
                        + "exec '" + real + "' \"$@\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(
                javaHome.resolve("release"),
                "JAVA_VERSION=\"" + Runtime.version().feature() + ".0.1\"\n");
    }

    private List<String> calls() throws Exception {
        return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    }

    private String run(String... args) throws Exception {
        return run(Map.of(), args);
    }

    private String run(Map<String, String> extraEnvironment, String... args) throws Exception {
        List<String> line = new ArrayList<>(List.of(repo.resolve("sprout").toString()));
        line.addAll(List.of(args));
        ProcessBuilder builder =
                new ProcessBuilder(line).directory(temp.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("JAVA_HOME", javaHome.toString());
        env.remove("SPROUT_JAVA_OPTS");
        env.remove("SPROUT_PREPARE_ONLY");
        env.remove("CI");
        env.remove("GITHUB_ACTIONS");
        env.put("SPROUT_DAEMON", "off"); // the tests of the warm server's routing say otherwise
        env.putAll(extraEnvironment);
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS))
                .as("launcher finished")
                .isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    @Test
    void decidesTheJdkOnceAndRunsNoJavaVersionPerCall() throws Exception {
        assertThat(run("list")).contains("probe got list");
        assertThat(run("--help")).contains("probe got --help");

        assertThat(Files.readString(repo.resolve("target/launcher-java")))
                .contains("java=" + javaHome.resolve("bin/java"))
                .contains("major=" + Runtime.version().feature());
        assertThat(calls())
                .as("only the commands themselves: the release file gave the version")
                .hasSize(2)
                .allSatisfy(call -> assertThat(call).contains("-jar").doesNotContain("-version"));
    }

    @Test
    void aJdkWithoutAReleaseFileIsAskedItsVersionOnceOnly() throws Exception {
        Files.delete(javaHome.resolve("release"));

        run("list");
        run("list");
        run("next");

        assertThat(calls()).filteredOn(call -> call.contains("-version")).hasSize(1);
        assertThat(calls()).filteredOn(call -> call.contains("-jar")).hasSize(3);
    }

    @Test
    void aReplacedJavaIsDecidedAgain() throws Exception {
        Files.delete(javaHome.resolve("release"));
        run("list");
        Path decision = repo.resolve("target/launcher-java");
        Files.setLastModifiedTime(decision, FileTime.from(Instant.now().minus(1, ChronoUnit.MINUTES)));
        // the JDK was upgraded in place: its java is newer than the decision
        Files.setLastModifiedTime(javaHome.resolve("bin/java"), FileTime.from(Instant.now()));

        run("list");

        assertThat(calls()).filteredOn(call -> call.contains("-version")).hasSize(2);
    }

    @Test
    void shortCommandsAskTheWarmServerFirstByDefaultAndRunHereWhenNoneAnswers() throws Exception {
        Map<String, String> learner = new java.util.HashMap<>(Map.of("SPROUT_DAEMON", "auto"));
        for (String[] line : List.of(
                new String[] {"next"},
                new String[] {"submit", "functions"},
                new String[] {"--help"},
                new String[] {"hint", "functions"},
                new String[] {"watch", "functions"},
                new String[] {"grade", "--batch", "x"},
                new String[] {"run", "functions"})) {
            assertThat(run(learner, line)).contains("probe got " + String.join(" ", line));
        }
        List<String> clientCalls = calls().stream()
                .filter(call -> call.contains("dev.sprout.daemon.Client"))
                .toList();
        assertThat(clientCalls)
                .as("only commands that need no keyboard and grade no class")
                .hasSize(4)
                .allSatisfy(call -> assertThat(call).contains("-Xmx64m").doesNotContain("-jar"));
        assertThat(clientCalls.get(1))
                .as("the server is started with the one-shot JVM's options")
                .contains("-Xmx512m", "-Xmn4m", "-Xms8m")
                .endsWith("submit functions");
        assertThat(calls()).filteredOn(call -> call.contains("-jar")).hasSize(7);
    }

    @Test
    void noWarmServerInCiOrWhenTurnedOff() throws Exception {
        run(Map.of("SPROUT_DAEMON", "auto", "CI", "true"), "next");
        run(Map.of("SPROUT_DAEMON", "auto", "GITHUB_ACTIONS", "true"), "next");
        run(Map.of("SPROUT_DAEMON", "off"), "next");
        run(Map.of("SPROUT_DAEMON", "on", "CI", "true"), "next");

        assertThat(calls())
                .filteredOn(call -> call.contains("dev.sprout.daemon.Client"))
                .as("only when asked for by name")
                .hasSize(1);
        assertThat(calls()).filteredOn(call -> call.contains("-jar")).hasSize(4);
    }

    @Test
    void everyJvmGetsHeapBoundsAndTheSerialCollector() throws Exception {
        run("submit", "functions");
        run("grade", "--batch", "x");
        run("watch", "functions");

        assertThat(calls())
                .filteredOn(call -> call.contains("submit functions"))
                .singleElement()
                .satisfies(call -> assertThat(call).contains("-Xmx512m", "-Xmn4m", "-Xms8m", "-XX:+UseSerialGC"));
        assertThat(calls())
                .filteredOn(call -> call.contains("grade --batch"))
                .singleElement()
                .satisfies(call -> assertThat(call).contains("-Xmx1g", "-XX:+UseSerialGC"));
        assertThat(calls())
                .filteredOn(call -> call.contains("watch functions"))
                .singleElement()
                .satisfies(call -> assertThat(call).contains("-Xmx512m").doesNotContain("-Xmn"));
    }

    @Test
    void theArchiveIsTrainedOnASubmitOfTheFunctionsExerciseNotOnTheFirstCommand() throws Exception {
        Path solution = Files.createDirectories(repo.resolve("graders/01-week1/03-functions"))
                .resolve("solution.py");
        Files.writeString(solution, "def add(a, b):\n    return a + b\n");

        String output = run("--help");

        assertThat(output).contains("probe got --help");
        List<String> calls = calls();
        // the probe jar makes no workspace, so the training stops after init: but it was a training
        // (init, then submit with the recording flag), not the --help the user typed
        assertThat(calls.get(0)).contains("init ws --no-git");
        assertThat(calls)
                .filteredOn(call -> call.contains("--help"))
                .singleElement()
                .satisfies(call -> assertThat(call).doesNotContain("ArchiveClassesAtExit", "AOTCacheOutput"));
        assertThat(Files.list(repo.resolve("target")).map(p -> p.getFileName().toString()))
                .as("a failed training is not retried on every call")
                .anySatisfy(name -> assertThat(name).endsWith(".no-archive"));

        run("list");
        assertThat(calls()).filteredOn(call -> call.contains("init ws")).hasSize(1);
    }

    @Test
    void theBuildTrainsTheArchiveThroughTheLauncherAndRunsNothingElse() throws Exception {
        Path solution = Files.createDirectories(repo.resolve("graders/01-week1/03-functions"))
                .resolve("solution.py");
        Files.writeString(solution, "def add(a, b):\n    return a + b\n");

        // as the pom's package phase runs it
        String output = run(Map.of("SPROUT_PREPARE_ONLY", repo.resolve("target").toString()));

        assertThat(output).doesNotContain("probe got ");
        assertThat(calls())
                .as("the training, nothing more")
                .allSatisfy(call -> assertThat(call).containsAnyOf("init ws --no-git", "submit functions"));
        assertThat(calls()).filteredOn(call -> call.contains("init ws")).hasSize(1);
        assertThat(Files.readString(repo.resolve("target/launcher-java"))).contains("java=");

        run("list");
        assertThat(calls())
                .as("the user's first command is not a training")
                .filteredOn(call -> call.contains("init ws"))
                .hasSize(1);
    }

    @Test
    void aBuildIntoAnotherFolderTrainsNothingAndNeverBuilds() throws Exception {
        // sources newer than the jar: a normal call would build; the build's own call must not
        Files.setLastModifiedTime(
                repo.resolve("pom.xml"), FileTime.from(Instant.now().plus(1, ChronoUnit.MINUTES)));

        String other =
                run(Map.of("SPROUT_PREPARE_ONLY", temp.resolve("target-other").toString()));
        String stale = run(Map.of("SPROUT_PREPARE_ONLY", repo.resolve("target").toString()));

        assertThat(other + stale).doesNotContain("Building sprout").doesNotContain("probe got");
        assertThat(calls()).filteredOn(call -> call.contains("-jar")).isEmpty();
    }

    @Test
    void aJavaHomeOlderThan17IsPassedOverForANewerJdk() throws Exception {
        Files.writeString(javaHome.resolve("release"), "JAVA_VERSION=\"11.0.2\"\n");

        assertThat(run("list")).contains("probe got list");

        assertThat(calls()).as("the JDK 11 in JAVA_HOME ran nothing").isEmpty();
        assertThat(Files.readString(repo.resolve("target/launcher-java"))).doesNotContain("java=" + javaHome);
    }
}
