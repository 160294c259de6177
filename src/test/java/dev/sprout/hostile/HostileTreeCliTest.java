package dev.sprout.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.sprout.catalog.Pack;

/**
 * Attacks by the graded tree, and ways sprout can be stopped, through the real CLI in a child JVM
 * on tier A (bwrap): as the current user (root here) and as GitHub's runner user, uid 1001, so
 * the unprivileged code path runs in {@code mvn verify} too (see {@link SproutCli}).
 */
@EnabledOnOs(OS.LINUX)
@Timeout(120)
class HostileTreeCliTest {

    private static final Path REPO = Path.of("").toAbsolutePath();
    private static final String HELLO = "exercises/01-week1/01-hello-input";
    private static final String SLEEPS = "import time\nprint('working', flush=True)\ntime.sleep(60)\n";

    private final List<Path> trees = new ArrayList<>();

    static Stream<SproutCli> users() {
        return Stream.of(SproutCli.asCurrentUser(), SproutCli.asUser(SproutCli.RUNNER_UID));
    }

    static Stream<Arguments> usersAndSignals() {
        return users().flatMap(cli -> Stream.of("INT", "TERM").map(signal -> Arguments.of(cli, signal)));
    }

    @AfterEach
    void removeTrees() {
        trees.forEach(dir -> FileUtils.deleteQuietly(dir.toFile()));
    }

    /** A workspace holding the hello-input starter (which fails every real check), owned by sprout's user. */
    private Path workspace(SproutCli cli, String hello) throws IOException {
        Path tree = cli.newTree();
        trees.add(tree);
        FileUtils.copyDirectory(
                REPO.resolve(HELLO).toFile(), tree.resolve(HELLO).toFile());
        Files.writeString(tree.resolve(HELLO).resolve("hello.py"), hello);
        return tree;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("users")
    void theGradedTreeRunsNoProgramOnTheHostAndBringsNoGrader(SproutCli cli) throws Exception {
        Path tree = workspace(cli, Files.readString(REPO.resolve(HELLO).resolve("hello.py")));
        Path outside = cli.newTree();
        trees.add(outside);
        Path marker = outside.resolve("pwned");
        Files.writeString(tree.resolve("evil.sh"), "#!/bin/sh\ntouch " + marker + "\nexec /usr/bin/python3 \"$@\"\n");
        Files.setPosixFilePermissions(tree.resolve("evil.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(tree.resolve("sprout.yaml"), "python: ./evil.sh\n");
        Path spec = Files.createDirectories(tree.resolve("graders/01-week1/01-hello-input"))
                .resolve("grader.yaml");
        Files.writeString(
                spec,
                "version: 1\nentry: hello.py\ntasks:\n  - name: all\n    cases:\n"
                        + "      - name: always\n        points: 50\n        expr: \"1\"\n        expect: {value: 1}\n");
        cli.handOver(tree);
        cli.handOver(outside);

        SproutCli.Result r = cli.run(
                tree,
                Duration.ofSeconds(90),
                Map.of("GITHUB_ACTIONS", "true"),
                "grade",
                "hello-input",
                "--sandbox",
                "bwrap",
                "--format",
                "console",
                "--format",
                "json=report.json");

        assertThat(marker).as("a program from the graded tree ran on the host").doesNotExist();
        assertThat(r.exit()).as(r.all()).isEqualTo(1);
        assertThat(r.err()).contains("sprout.yaml is ignored", "graders is ignored");
        JsonNode json = JsonMapper.builder()
                .build()
                .readTree(tree.resolve("report.json").toFile());
        assertThat(json.path("summary").path("score").asInt())
                .as("the tree's always-true grader")
                .isZero();
        assertThat(json.path("pack").asString())
                .startsWith("the built-in pack")
                .contains(Pack.load(REPO).fingerprint());
        assertThat(json.path("submissions")
                        .get(0)
                        .path("grading")
                        .path("runWith")
                        .asString())
                .contains(SproutCli.PYTHON.replace("python3", "python3"))
                .contains("tier A");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("users")
    void aStudentsLinkToAnotherStudentsWorkIsRefusedInABatch(SproutCli cli) throws Exception {
        Path root = cli.newTree();
        trees.add(root);
        Path spec = Files.createDirectories(root.resolve("pack/graders/01-basics/01-adder"))
                .resolve("grader.yaml");
        Files.writeString(
                spec,
                "version: 1\nentry: adder.py\ntasks:\n  - name: add\n    cases:\n"
                        + "      - name: adds\n        call: add\n        args: [2, 3]\n        expect: {value: 5}\n");
        Files.createDirectories(root.resolve("pack/exercises/01-basics/01-adder"));
        Path ben = Files.createDirectories(root.resolve("cohort/ben/exercises/01-basics/01-adder"));
        Files.writeString(ben.resolve("adder.py"), "def add(a, b):\n    return a + b\n");
        Files.createDirectories(root.resolve("cohort/mal/exercises"));
        Files.createSymbolicLink(
                root.resolve("cohort/mal/exercises/01-basics"), Path.of("../../ben/exercises/01-basics"));
        cli.handOver(root);

        SproutCli.Result r = cli.run(
                root,
                Duration.ofSeconds(90),
                Map.of(),
                "grade",
                "--batch",
                "cohort",
                "adder",
                "--pack",
                "pack",
                "--sandbox",
                "bwrap",
                "--format",
                "csv");

        assertThat(r.out()).as(r.err()).contains("ben,adder,pass,1,1", "mal,adder,error,0,1");
    }

    @ParameterizedTest(name = "{0}, SIG{1}")
    @MethodSource("usersAndSignals")
    void stoppingSubmitMidRunLeavesNoCopyOfTheLearnersCode(SproutCli cli, String signal) throws Exception {
        Path tree = workspace(cli, SLEEPS);
        cli.handOver(tree);

        Process sprout = cli.start(tree, Map.of(), "submit", "hello-input", "--sandbox", "bwrap");
        stopOnceItWorks(sprout, signal);
    }

    @ParameterizedTest(name = "{0}, SIG{1}")
    @MethodSource("usersAndSignals")
    void stoppingRunMidRunLeavesNoCopyOfTheLearnersCode(SproutCli cli, String signal) throws Exception {
        Path tree = workspace(cli, SLEEPS);
        cli.handOver(tree);

        Process sprout = cli.start(tree, Map.of(), "run", "hello-input", "--sandbox", "bwrap");
        stopOnceItWorks(sprout, signal);
    }

    @ParameterizedTest(name = "uid {0}")
    @ValueSource(ints = {SproutCli.RUNNER_UID})
    void aKilledSproutsFoldersAreSweptByTheNextOne(int uid) throws Exception {
        SproutCli cli = SproutCli.asUser(uid);
        Path tree = workspace(cli, SLEEPS);
        cli.handOver(tree);
        Process killed = cli.start(tree, Map.of(), "submit", "hello-input", "--sandbox", "bwrap");
        List<Path> left = awaitWorkDirs(killed);
        SproutCli.signal(killed, "KILL");
        assertThat(killed.waitFor(20, TimeUnit.SECONDS)).isTrue();
        killed.descendants().forEach(ProcessHandle::destroyForcibly);
        assertThat(left)
                .as("SIGKILL runs no cleanup")
                .anySatisfy(dir -> assertThat(dir).exists());

        Files.writeString(tree.resolve(HELLO).resolve("hello.py"), "print('hi')\n");
        SproutCli.Result next =
                cli.run(tree, Duration.ofSeconds(90), Map.of(), "submit", "hello-input", "--sandbox", "bwrap");

        assertThat(left)
                .as("swept by the next sprout of the same user: " + next.err())
                .allSatisfy(dir -> assertThat(dir).doesNotExist());
    }

    /** Waits until sprout has copied the learner's code, signals it, and checks nothing of that copy remains. */
    private static void stopOnceItWorks(Process sprout, String signal) throws Exception {
        CompletableFuture<String> out = SproutCli.drain(sprout.getInputStream());
        CompletableFuture<String> err = SproutCli.drain(sprout.getErrorStream());
        List<Path> dirs = awaitWorkDirs(sprout);
        Thread.sleep(500); // let the learner's program start sleeping
        assumeTrue(sprout.isAlive(), "sprout finished before the signal: " + err.getNow(""));

        SproutCli.signal(sprout, signal);

        assertThat(sprout.waitFor(30, TimeUnit.SECONDS))
                .as("sprout stops on SIG" + signal)
                .isTrue();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (dirs.stream().anyMatch(Files::exists) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(dirs)
                .as("work dirs after SIG%s; out %s err %s", signal, out.getNow(""), err.getNow(""))
                .allSatisfy(dir -> assertThat(dir).doesNotExist());
    }

    /** The /tmp/sprout-work-* folders the given sprout made (their .owner names its pid), once there is one. */
    private static List<Path> awaitWorkDirs(Process sprout) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && sprout.isAlive()) {
            List<Path> mine = workDirsOf(sprout.pid());
            if (!mine.isEmpty()) {
                return mine;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("sprout (pid " + sprout.pid() + ") made no work dir; alive: " + sprout.isAlive());
    }

    static List<Path> workDirsOf(long pid) throws IOException {
        List<Path> mine = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/tmp"), "sprout-work-*")) {
            for (Path dir : dirs) {
                try {
                    if (Files.readString(dir.resolve(".owner"), StandardCharsets.UTF_8)
                            .startsWith(pid + " ")) {
                        mine.add(dir);
                    }
                } catch (IOException notOursOrGone) {
                    // another run's folder, or one being deleted
                }
            }
        }
        return mine;
    }
}
