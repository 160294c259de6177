package dev.sprout.hostile;

import static dev.sprout.hostile.Arena.BWRAP;
import static dev.sprout.hostile.Arena.LAUNCHER;
import static dev.sprout.hostile.Arena.LIMITS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import dev.sprout.cli.Main;
import dev.sprout.grading.Grader;
import dev.sprout.result.Verdict.Status;
import dev.sprout.runner.CPythonEngine;
import dev.sprout.runner.FolderRefused;
import dev.sprout.runner.InterpreterFinder;
import dev.sprout.runner.RunnerException;
import dev.sprout.sandbox.SandboxRequest;
import dev.sprout.sandbox.SandboxUnavailableException;
import dev.sprout.sandbox.Sandboxes;

/**
 * Real attacks, graded through the real pipeline (Grader, CPython harness, real sandbox) on
 * tier A (bwrap) and tier B (launcher), with Debian's /usr/bin/python3: as root, learner code
 * runs unprivileged (nobody on tier A, a user id of the sandbox's own on tier B), and that user
 * cannot enter /root/.pyenv. Each fixture is a learner's file in src/test/resources/hostile.
 * {@link Arena#grade} checks after every attack that nothing of the submission still runs, that
 * no file outside the work dir changed (the learner's own folder included), that no attack case
 * passed, and that sprout still grades an honest submission; each test adds the verdict it
 * expects and what the fixture reported it managed.
 *
 * <p>Tier B isolates neither files nor network; there, tests assert what is true (a loopback
 * listener is reachable, /tmp is writable, the scratch dir has no size cap) so the difference
 * between the tiers stays documented.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(60)
class HostileSubmissionTest {

    private static final Map<String, Grader> GRADERS = new ConcurrentHashMap<>();
    private static final Map<String, RecordingSandbox> SANDBOXES = new ConcurrentHashMap<>();
    /** Besides PYTHON*: PWD is set by bwrap's --chdir, to the scratch dir that HOME and TMPDIR name too. */
    private static final Set<String> EXPECTED_ENVIRONMENT = Set.of("PATH", "LANG", "HOME", "TMPDIR", "PWD");

    private static final long MIB = 1 << 20;

    @TempDir
    Path temp;

    private Arena arena(String tier) throws IOException {
        return arena(tier, temp);
    }

    private Arena arena(String tier, Path dir) throws IOException {
        RecordingSandbox sandbox = sandbox(tier);
        Grader grader = GRADERS.computeIfAbsent(
                tier,
                name -> new Grader(new CPythonEngine(
                        new InterpreterFinder(Optional.of("/usr/bin/python3"), System.getenv()), sandbox)));
        return new Arena(Files.createDirectories(dir), tier, grader, sandbox);
    }

    private static RecordingSandbox sandbox(String tier) {
        try {
            return SANDBOXES.computeIfAbsent(tier, name -> new RecordingSandbox(Sandboxes.choose(name)));
        } catch (SandboxUnavailableException e) {
            return abort("sandbox tier " + tier + " does not work here: " + e.getMessage());
        }
    }

    // ---- time and CPU --------------------------------------------------------------------------

    @ParameterizedTest(name = "tier {0}")
    @ValueSource(strings = {BWRAP, LAUNCHER})
    void anInfiniteLoopIsStoppedByTheCpuLimit(String tier) throws IOException {
        Arena arena = arena(tier);

        // a wall limit well above the CPU limit: on a busy 2-core machine 1 s of CPU can take 2 s of wall time
        Arena.Graded graded = arena.grade("cpu_loop.py", "{cpu: 1, wall: 6}", arena.attackCall("attack", "attack"));

        assertThat(graded.status("attack")).as(graded.describe()).isEqualTo(Status.CPU_LIMIT);
        assertThat(graded.verdict("attack").line())
                .as("the loop's line is shown")
                .hasValueSatisfying(line -> assertThat(line).isIn(6, 7));
    }

    @ParameterizedTest(name = "tier {0}")
    @ValueSource(strings = {BWRAP, LAUNCHER})
    void sleepingForeverWithEverySignalBlockedIsStoppedByTheWallClock(String tier) throws IOException {
        Arena arena = arena(tier);

        Arena.Graded graded = arena.grade("sleep_forever.py", LIMITS, arena.attackCall("attack", "attack"));

        assertThat(graded.status("attack")).as(graded.describe()).isEqualTo(Status.TIMEOUT);
    }

    // ---- memory --------------------------------------------------------------------------------

    @ParameterizedTest(name = "tier {0}")
    @ValueSource(strings = {BWRAP, LAUNCHER})
    void oneHugeAllocationAndManySmallObjectsHitTheMemoryLimit(String tier) throws IOException {
        Arena arena = arena(tier);

        Arena.Graded graded = arena.grade(
                "memory_hog.py",
                "{cpu: 2, wall: 4, memory_mb: 128}",
                arena.attackCall("attack: 10 GiB at once", "one_huge"),
                arena.attackCall("attack: millions of small objects", "many_small"));

        assertThat(graded.status("attack: 10 GiB at once"))
                .as(graded.describe())
                .isEqualTo(Status.MEMORY_LIMIT);
        assertThat(graded.status("attack: millions of small objects"))
                .as(graded.describe())
                .isEqualTo(Status.MEMORY_LIMIT);
    }

    // ---- processes -----------------------------------------------------------------------------

    @ParameterizedTest(name = "tier {0}")
    @ValueSource(strings = {BWRAP, LAUNCHER})
    void aForkBombIsCappedByTheProcessLimit(String tier) throws IOException {
        Arena arena = arena(tier);

        Arena.Graded graded =
                arena.grade("fork_bomb.py", LIMITS, arena.attackCall("attack", "attack", ProcScan.ownPidNamespace()));

        // its processes still run when the function returns: no result of that case is trusted
        assertThat(graded.status("attack")).as(graded.describe()).isEqualTo(Status.ERROR);
        assertThat(graded.verdict("attack").message()).contains("left a process running");
        assertThat(graded.field("attack", "skipped"))
                .as("the fixture ran: " + graded.describe())
                .isEmpty();
        assertThat(graded.report("attack").path("forked").asInt())
                .as("children forked (limit 64)")
                .isBetween(1, 64);
        assertThat(graded.field("attack", "error")).contains("Resource temporarily unavailable");
    }

    @ParameterizedTest(name = "tier {0}")
    @ValueSource(strings = {BWRAP, LAUNCHER})
    void aDoubleForkedDaemonDoesNotOutliveItsCase(String tier) throws IOException {
        Arena arena = arena(tier);

        Arena.Graded graded = arena.grade(
                "daemon.py",
                LIMITS,
                arena.attackCall("attack: start a daemon", "spawn"),
                arena.call("the daemon is gone by the next case", "check", "{value: false}"));

        assertThat(graded.status("attack: start a daemon"))
                .as(graded.describe())
                .isEqualTo(Status.ERROR);
        assertThat(graded.verdict("attack: start a daemon").message()).contains("left a process running");
        assertThat(graded.report("attack: start a daemon").path("daemon").asInt())
                .isPositive();
        assertThat(graded.status("the daemon is gone by the next case"))
                .as(graded.describe())
                .isEqualTo(Status.PASSED);
    }

    @ParameterizedTest(name = "tier {0}")
    @ValueSource(strings = {BWRAP, LAUNCHER})
    void aChainOfDaemonsDoesNotOutliveItsCase(String tier) throws IOException {
        Arena arena = arena(tier);

        Arena.Graded graded = arena.grade(
                "daemon.py",
                LIMITS,
                arena.attackCall("attack: start a chain of eight daemons", "spawn_chain"),
                arena.call("the chain is gone by the next case", "check", "{value: false}"));

        assertThat(graded.field("attack: start a chain of eight daemons", "chain"))
                .as(graded.describe())
                .isEqualTo("deepest");
        // killing the top one orphans the next: the harness must keep killing until none is left
        assertThat(graded.status("the chain is gone by the next case"))
                .as(graded.describe())
                .isEqualTo(Status.PASSED);
    }

    @ParameterizedTest(name = "tier {0}")
    @ValueSource(strings = {BWRAP, LAUNCHER})
    void killingTheHarnessCostsOnlyThatCase(String tier) throws IOException {
        Arena arena = arena(tier);

        Arena.Graded graded = arena.grade(
                "killers.py", LIMITS, arena.attackCall("attack", "kill_parent"), Arena.honestAdd("the next case runs"));

        assertThat(graded.status("attack")).as(graded.describe()).isEqualTo(Status.CRASHED);
        assertThat(graded.status("the next case runs")).as(graded.describe()).isEqualTo(Status.PASSED);
    }

    @ParameterizedTest(name = "tier {0}")
    @ValueSource(strings = {BWRAP, LAUNCHER})
    void killingItsOwnProcessGroupCrashesOnlyThatCase(String tier) throws IOException {
        Arena arena = arena(tier);

        Arena.Graded graded = arena.grade(
                "killers.py", LIMITS, arena.attackCall("attack", "kill_group"), Arena.honestAdd("the next case runs"));

        assertThat(graded.status("attack")).as(graded.describe()).isEqualTo(Status.CRASHED);
        assertThat(graded.status("the next case runs")).as(graded.describe()).isEqualTo(Status.PASSED);
    }

    @ParameterizedTest(name = "tier {0}")
    @ValueSource(strings = {BWRAP, LAUNCHER})
    void killingEveryProcessItMayKillStaysInsideThePidNamespace(String tier) throws IOException {
        Arena arena = arena(tier);

        Arena.Graded graded = arena.grade(
                "killers.py",
                LIMITS,
                arena.attackCall("attack", "kill_everyone", ProcScan.ownPidNamespace()),
                Arena.honestAdd("the next case runs"));

        assertThat(graded.status("the next case runs")).as(graded.describe()).isEqualTo(Status.PASSED);
        if (arena.tierA()) {
            // everything but the fixture and bwrap's pid 1 dies, the harness included
            assertThat(graded.status("attack")).as(graded.describe()).isEqualTo(Status.CRASHED);
        } else {
            // tier B shares the machine's pid namespace: the fixture refuses to kill(-1) there
            assertThat(graded.field("attack", "skipped")).as(graded.describe()).isNotEmpty();
            assertThat(graded.status("attack")).isEqualTo(Status.FAILED);
        }
    }

    // ---- files ---------------------------------------------------------------------------------

    @ParameterizedTest(name = "tier {0}")
    @ValueSource(strings = {BWRAP, LAUNCHER})
    void aTenGigabyteFileStopsAtTheFileSizeLimit(String tier) throws IOException {
        Arena arena = arena(tier);

        Arena.Graded graded = arena.grade("disk_filler.py", LIMITS, arena.attackCall("attack", "huge_file"));

        assertThat(graded.status("attack")).as(graded.describe()).isEqualTo(Status.FAILED);
        assertThat(graded.report("attack").path("written").asLong())
                .as("bytes written")
                .isEqualTo(16 * MIB);
        assertThat(graded.field("attack", "error")).contains("File too large");
        assertThat(graded.field("attack", "sparse")).contains("File too large");
    }

    @ParameterizedTest(name = "tier {0}")
    @ValueSource(strings = {BWRAP, LAUNCHER})
    void filesUnderTheSizeLimitStillCannotFillMoreThanTheScratchCap(String tier) throws IOException {
        Arena arena = arena(tier);

        Arena.Graded graded =
                arena.grade("disk_filler.py", "{cpu: 2, wall: 4}", arena.attackCall("attack", "fill_scratch"));

        assertThat(graded.status("attack")).as(graded.describe()).isEqualTo(Status.FAILED);
        long total = graded.report("attack").path("total").asLong();
        if (arena.tierA()) {
            assertThat(total).as("bytes written into the 64 MiB tmpfs").isLessThanOrEqualTo(64 * MIB);
            assertThat(graded.field("attack", "error")).contains("No space left on device");
        } else {
            // tier B: the scratch dir is on the host's disk, bounded per file, per case time and per case only
            assertThat(total).isEqualTo(90 * MIB);
        }
    }

    @ParameterizedTest(name = "tier {0}")
    @ValueSource(strings = {BWRAP, LAUNCHER})
    void aHundredThousandSmallFilesAreBoundedBySpaceOrTime(String tier) throws IOException {
        Arena arena = arena(tier);

        Arena.Graded graded = arena.grade("disk_filler.py", LIMITS, arena.attackCall("attack", "many_files"));

        if (arena.tierA()) {
            // each file takes at least a page of the 64 MiB tmpfs: about 16 000 of them fit
            assertThat(graded.status("attack")).as(graded.describe()).isEqualTo(Status.FAILED);
            assertThat(graded.field("attack", "error")).contains("No space left on device");
            assertThat(graded.report("attack").path("made").asInt()).isLessThanOrEqualTo(16384);
        } else {
            // tier B: on the host's disk, bounded by the case's CPU and wall limits and the fixture's count
            assertThat(graded.status("attack"))
                    .as(graded.describe())
                    .isIn(Status.CPU_LIMIT, Status.TIMEOUT, Status.FAILED);
        }
    }

    @ParameterizedTest(name = "tier {0}")
    @ValueSource(strings = {BWRAP, LAUNCHER})
    void writingOutsideTheWorkDirChangesNothing(String tier) throws IOException {
        Arena arena = arena(tier);
        List<String> shared = List.of("/tmp", "/var/tmp", "/dev/shm");
        String[] args = Stream.concat(
                        Stream.of(arena.canary().toString(), arena.outside().toString()), shared.stream())
                .toArray(String[]::new);

        Map<String, Boolean> planted = new HashMap<>();
        Arena.Graded graded;
        try {
            graded = arena.grade("write_outside.py", LIMITS, arena.attackCall("attack", "attack", args));
        } finally {
            for (String dir : shared) {
                planted.put(dir, Files.deleteIfExists(Path.of(dir, "hostile-" + arena.token())));
            }
        }

        assertThat(graded.status("attack")).as(graded.describe()).isEqualTo(Status.FAILED);
        JsonNode report = graded.report("attack");
        for (String attempt : List.of("canary", "replace", "symlink", "chmod", "new_outside")) {
            assertThat(report.path(attempt).asString()).as(attempt).doesNotStartWith("ok");
        }
        for (String dir : shared) {
            if (arena.tierA()) {
                // inside the sandbox these are its own read-only or private folders
                assertThat(planted.get(dir))
                        .as("a file planted in the host's " + dir)
                        .isFalse();
            } else {
                // tier B has no file isolation: world-writable folders are writable by nobody too
                assertThat(planted.get(dir))
                        .as("a file planted in the host's " + dir)
                        .isTrue();
            }
        }
    }

    @ParameterizedTest(name = "tier {0}")
    @ValueSource(strings = {BWRAP, LAUNCHER})
    void writingIntoItsOwnFolderChangesOnlyThatCasesCopy(String tier) throws IOException {
        Arena arena = arena(tier);

        Arena.Graded graded = arena.grade(
                "own_dir.py",
                LIMITS,
                arena.attackCall(
                        "attack: scribble everywhere",
                        "scribble",
                        arena.learner().toString()),
                arena.call("the next case starts from pristine files", "still_pristine", "{value: true}"));

        JsonNode report = graded.report("attack: scribble everywhere");
        assertThat(report.path("own_copy").asString())
                .as("the case's own copy is writable")
                .startsWith("ok");
        assertThat(report.path("case_dir").asString()).startsWith("ok");
        for (String attempt : List.of("original_file", "original_new", "source_copy", "source_new")) {
            assertThat(report.path(attempt).asString()).as(attempt).doesNotStartWith("ok");
        }
        assertThat(graded.status("the next case starts from pristine files"))
                .as(graded.describe())
                .isEqualTo(Status.PASSED);
    }

    // ---- secrets -------------------------------------------------------------------------------

    @ParameterizedTest(name = "tier {0}")
    @ValueSource(strings = {BWRAP, LAUNCHER})
    void secretsStayOutOfReach(String tier) throws IOException {
        Arena arena = arena(tier);

        Arena.Graded graded = arena.grade(
                "snoop.py",
                LIMITS,
                arena.attackCall(
                        "attack",
                        "attack",
                        System.getProperty("user.home"),
                        arena.specFile().toString(),
                        arena.solutionFile().toString()));

        assertThat(graded.status("attack")).as(graded.describe()).isEqualTo(Status.FAILED);
        assertThat(graded.verdict("attack").actual()).contains("'nothing found'");
        JsonNode found = graded.report("attack").path("found");
        for (String file : List.of("shadow", "spec", "solution", "symlinked")) {
            assertThat(found.path(file).asString()).as(file).isIn("FileNotFoundError", "PermissionError");
        }
        assertThat(found.path("home").asString())
                .as("listing " + System.getProperty("user.home"))
                .doesNotStartWith("ok");
        JsonNode env = graded.report("attack").path("env");
        assertThat(env.path("os.environ").size())
                .as("os.environ of a call case")
                .isZero();
        Set<String> seen = env.properties().stream()
                .flatMap(e -> e.getValue().valueStream())
                .map(JsonNode::asString)
                .collect(Collectors.toSet());
        assertThat(seen)
                .as("environment variables learner code can see anywhere: " + env)
                .allMatch(name -> EXPECTED_ENVIRONMENT.contains(name)
                        || name.startsWith("PYTHON")
                        || (!arena.tierA() && name.equals("SPROUT_SUBREAPER")));
    }

    @ParameterizedTest(name = "tier {0}")
    @ValueSource(strings = {BWRAP, LAUNCHER})
    void aLinkFromTheLearnersFolderToTheSpecIsRefusedBeforeAnythingIsCopied(String tier) throws IOException {
        Arena arena = arena(tier);
        Files.createSymbolicLink(arena.learner().resolve("leak.yaml"), arena.specFile());

        assertThatThrownBy(() -> arena.grade(
                        "snoop.py",
                        LIMITS,
                        arena.attackCall(
                                "attack",
                                "attack",
                                System.getProperty("user.home"),
                                arena.specFile().toString(),
                                arena.solutionFile().toString())))
                .isInstanceOf(RunnerException.class)
                .hasRootCauseInstanceOf(FolderRefused.class)
                .hasMessageContaining(
                        "leak.yaml in " + arena.learner() + " is a link to a file outside your exercise folder");
    }

    // ---- network -------------------------------------------------------------------------------

    @ParameterizedTest(name = "tier {0}")
    @ValueSource(strings = {BWRAP, LAUNCHER})
    void loopbackAndAbstractSocketsOfTheHostAreUnreachableOnTierA(String tier) throws Exception {
        Arena arena = arena(tier);
        String abstractName = "sprout-hostile-" + UUID.randomUUID();
        try (HostListeners.Tcp tcp = new HostListeners.Tcp();
                HostListeners.AbstractUnix unix = new HostListeners.AbstractUnix(abstractName)) {

            Arena.Graded graded = arena.grade(
                    "network.py",
                    LIMITS,
                    arena.attackCall("attack", "attack", Integer.toString(tcp.port()), abstractName));

            assertThat(graded.status("attack")).as(graded.describe()).isEqualTo(Status.FAILED);
            List<String> tcpSeen = tcp.seen();
            List<String> unixSeen = unix.seen();
            if (arena.tierA()) {
                assertThat(graded.field("attack", "tcp")).startsWith("ConnectionRefusedError");
                assertThat(graded.field("attack", "unix")).startsWith("ConnectionRefusedError");
                assertThat(tcpSeen)
                        .as("connections the host's TCP listener saw")
                        .isEmpty();
                assertThat(unixSeen)
                        .as("connections the host's abstract socket saw")
                        .isEmpty();
            } else {
                // tier B shares the host's network namespace, as its warning says
                assertThat(tcpSeen).containsExactly(arena.token());
                assertThat(unixSeen).containsExactly(arena.token());
            }
        }
    }

    // ---- output and terminal -------------------------------------------------------------------

    @ParameterizedTest(name = "tier {0}")
    @ValueSource(strings = {BWRAP, LAUNCHER})
    void aHundredMegabytesOnStdoutHitTheOutputLimit(String tier) throws IOException {
        Arena arena = arena(tier);

        Arena.Graded graded = arena.grade("flood.py", LIMITS, arena.attackCall("attack", "attack"));

        assertThat(graded.status("attack")).as(graded.describe()).isEqualTo(Status.OUTPUT_LIMIT);
        assertThat(graded.verdict("attack").output().length()).as("output kept").isLessThanOrEqualTo((int) (2 * MIB));
    }

    @ParameterizedTest(name = "tier {0}")
    @ValueSource(strings = {BWRAP, LAUNCHER})
    void aHugeReturnValueIsCappedLikeOutput(String tier) throws IOException {
        Arena arena = arena(tier);

        Arena.Graded graded = arena.grade("huge_value.py", "{cpu: 2, wall: 5}", arena.attackCall("attack", "attack"));

        assertThat(graded.status("attack")).as(graded.describe()).isEqualTo(Status.FAILED);
        assertThat(graded.verdict("attack").message().length())
                .as("the verdict's message")
                .isLessThanOrEqualTo((int) MIB);
        assertThat(graded.verdict("attack").actual().orElse("").length())
                .as("the verdict's actual value")
                .isLessThanOrEqualTo((int) MIB);
    }

    @ParameterizedTest(name = "tier {0}")
    @ValueSource(strings = {BWRAP, LAUNCHER})
    void keystrokesCannotBeInjectedIntoATerminal(String tier) throws IOException {
        Arena arena = arena(tier);

        Arena.Graded graded = arena.grade("tiocsti.py", LIMITS, arena.attackCall("attack", "attack"));

        assertThat(graded.status("attack")).as(graded.describe()).isEqualTo(Status.FAILED);
        graded.report("attack")
                .path("tiocsti")
                .properties()
                .forEach(e -> assertThat(e.getValue().asString())
                        .as("TIOCSTI on " + e.getKey())
                        .doesNotStartWith("ok"));
    }

    // ---- the harness and its protocol ----------------------------------------------------------

    @ParameterizedTest(name = "tier {0}")
    @ValueSource(strings = {BWRAP, LAUNCHER})
    void exitingInTheMiddleOfACaseIsAnErrorNotAPass(String tier) throws IOException {
        Arena arena = arena(tier);

        Arena.Graded graded = arena.grade(
                "exits.py",
                LIMITS,
                arena.attackCall("attack: sys.exit(0)", "via_sys_exit"),
                arena.attackCall("attack: os._exit(0)", "via_os_exit"),
                "      - name: \"attack: os._exit(0) in a program\"\n        run: {}\n        expect: {stdout: "
                        + Arena.quote(arena.secret()) + "}\n");

        assertThat(graded.status("attack: sys.exit(0)")).as(graded.describe()).isEqualTo(Status.ERROR);
        assertThat(graded.status("attack: os._exit(0)")).as(graded.describe()).isEqualTo(Status.ERROR);
        assertThat(graded.status("attack: os._exit(0) in a program"))
                .as(graded.describe())
                .isEqualTo(Status.FAILED);
    }

    @ParameterizedTest(name = "tier {0}")
    @ValueSource(strings = {BWRAP, LAUNCHER})
    void forgedProtocolLinesReachNeitherTheJvmNorOtherCases(String tier) throws IOException {
        Arena arena = arena(tier);

        Arena.Graded graded = arena.grade(
                "forge.py",
                LIMITS,
                arena.attackCall("attack", "attack"),
                "      - name: \"attack: sum() is forbidden\"\n        source: {forbid_calls: [sum]}\n",
                Arena.honestAdd("the next case gets its own result"));

        assertThat(graded.status("attack")).as(graded.describe()).isEqualTo(Status.FAILED);
        assertThat(graded.verdict("attack").actual()).contains("'forged-" + arena.token() + "'");
        JsonNode report = graded.report("attack");
        report.path("pidfd_getfd")
                .properties()
                .forEach(e -> assertThat(e.getValue().asString())
                        .as("writing into harness fd " + e.getKey() + " copied with pidfd_getfd")
                        .doesNotStartWith("ok"));
        // the harness is not dumpable (tier A: it runs from an execute-only copy; tier B: prctl). As
        // root its channel's pipes belong to root anyway; for an ordinary user they belong to the
        // learner's own uid, and only non-dumpability keeps them from being reopened through /proc
        assertThat(report.path("proc_fd").path("listing").asString())
                .as("listing the harness's /proc/PID/fd")
                .startsWith("PermissionError");
        report.path("proc_fd")
                .properties()
                .forEach(e -> assertThat(e.getValue().asString())
                        .as("writing into harness fd " + e.getKey() + " reopened through /proc")
                        .doesNotStartWith("ok"));
        assertThat(report.path("ptrace").asString()).as("ptrace of the harness").doesNotStartWith("ok");
        assertThat(report.path("proc_mem").asString())
                .as("writing the harness's memory")
                .doesNotStartWith("ok");
        assertThat(graded.status("attack: sum() is forbidden"))
                .as(graded.describe())
                .isEqualTo(Status.FAILED);
        assertThat(graded.status("the next case gets its own result"))
                .as(graded.describe())
                .isEqualTo(Status.PASSED);
        assertThat(graded.result().score()).isEqualTo(1);
    }

    @ParameterizedTest(name = "tier {0}")
    @ValueSource(strings = {BWRAP, LAUNCHER})
    void aReplyForgedThroughTheProcFdsOfItsAncestorsIsNotTaken(String tier) throws Exception {
        Arena arena = arena(tier);

        Arena.Graded graded = UnprivilegedGrading.grade(arena, "forge-channel");

        assertThat(graded.status("attack: forged reply through /proc"))
                .as(graded.describe())
                .isEqualTo(Status.FAILED);
        assertThat(graded.status("the next case gets its own result"))
                .as(graded.describe())
                .isEqualTo(Status.PASSED);
    }

    /**
     * As an ordinary user (GitHub's runners), bubblewrap's pid 1 and learner code are the same
     * user, and pid 1 is dumpable: had it kept the JVM's pipes on its fds 0/1, learner code could
     * reopen them through /proc/1/fd and write a reply the JVM takes (issue #12, item 4).
     */
    @Test
    @Timeout(120)
    void aReplyForgedThroughBubblewrapsPidOneIsNotTakenWhenSproutIsNotRoot() throws Exception {
        assumeTrue(Unprivileged.possible(), "needs root to start a JVM as an ordinary user");

        Unprivileged.Run run =
                Unprivileged.java(UnprivilegedGrading.class, List.of(BWRAP, "forge-channel"), Duration.ofSeconds(90));

        assumeFalse(run.exit() == 4, () -> "tier A does not work for uid " + Unprivileged.UID + ": " + run.out());
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out())
                .as(run.err())
                .contains("VERDICT\tattack: forged reply through /proc\tFAILED")
                .contains("VERDICT\tthe next case gets its own result\tPASSED");
        // the attack did run against bwrap's pid 1, and the harness (non-dumpable) refused even a listing
        assertThat(run.out()).contains("\"pid1_is_ours\":true").containsPattern("\"\\d+/listing\":\"PermissionError");
    }

    @ParameterizedTest(name = "tier {0}")
    @ValueSource(strings = {BWRAP, LAUNCHER})
    void theHarnesssOwnResultWinsOverALineLeftOpenOnTheResultPipe(String tier) throws IOException {
        Arena arena = arena(tier);
        String forged = "{value: " + Arena.quote("forged-" + arena.token()) + "}";

        Arena.Graded graded = arena.grade(
                "late_result.py",
                LIMITS,
                arena.call("attack: a forged line and an open one", "partial", forged),
                arena.call("attack: a forged line and an open one again", "partial", forged),
                Arena.honestAdd("the next case gets its own result"));

        for (String attack :
                List.of("attack: a forged line and an open one", "attack: a forged line and an open one again")) {
            assertThat(graded.status(attack)).as(graded.describe()).isEqualTo(Status.FAILED);
            assertThat(graded.verdict(attack).actual()).as(attack).contains("'honest-" + arena.token() + "'");
        }
        assertThat(graded.status("the next case gets its own result"))
                .as(graded.describe())
                .isEqualTo(Status.PASSED);
    }

    /**
     * A learner thread that keeps writing forged result lines on fd 3 while (and after) the
     * function returns must never have one taken for the harness's: before the harness writes,
     * no other Python thread may be alive (docs/harness-protocol.md, "The result is the harness's
     * own"). A race, so eight cases: before the rule, about one case in four took the forged
     * line (never the first: from the third on), on both tiers.
     */
    @ParameterizedTest(name = "tier {0}")
    @ValueSource(strings = {BWRAP, LAUNCHER})
    void aThreadStillWritingOnTheResultPipeNeverWins(String tier) throws IOException {
        Arena arena = arena(tier);
        String forged = "{value: " + Arena.quote("forged-" + arena.token()) + "}";
        List<String> attacks =
                IntStream.rangeClosed(1, 8).mapToObj(i -> "thread attack " + i).toList();
        StringBuilder cases = new StringBuilder();
        for (String attack : attacks) {
            cases.append(arena.call(attack, "thread_forger", forged));
        }

        Arena.Graded graded = arena.grade(
                "late_result.py", LIMITS, cases.toString(), Arena.honestAdd("the next case gets its own result"));

        for (String attack : attacks) {
            assertThat(graded.status(attack)).as(graded.describe()).isNotEqualTo(Status.PASSED);
            assertThat(graded.verdict(attack).message()).as(attack).contains("left a thread running");
        }
        assertThat(graded.status("the next case gets its own result"))
                .as(graded.describe())
                .isEqualTo(Status.PASSED);
    }

    /** The same from a process the learner forked (it exits by itself two seconds later). */
    @ParameterizedTest(name = "tier {0}")
    @ValueSource(strings = {BWRAP, LAUNCHER})
    void aForkedProcessStillWritingOnTheResultPipeNeverWins(String tier) throws IOException {
        Arena arena = arena(tier);
        String forged = "{value: " + Arena.quote("forged-" + arena.token()) + "}";
        List<String> attacks = List.of("process attack 1", "process attack 2", "process attack 3");
        StringBuilder cases = new StringBuilder();
        for (String attack : attacks) {
            cases.append(arena.call(attack, "process_forger", forged));
        }

        Arena.Graded graded = arena.grade(
                "late_result.py", LIMITS, cases.toString(), Arena.honestAdd("the next case gets its own result"));

        for (String attack : attacks) {
            assertThat(graded.status(attack)).as(graded.describe()).isNotEqualTo(Status.PASSED);
            assertThat(graded.verdict(attack).message()).as(attack).contains("left a process running");
        }
        assertThat(graded.status("the next case gets its own result"))
                .as(graded.describe())
                .isEqualTo(Status.PASSED);
    }

    /**
     * Honest code that leaves an idle daemon thread running gets a clear message rather than a
     * result sprout cannot trust; code that waits for the processes it starts (subprocess.run,
     * os.system) still passes.
     */
    @ParameterizedTest(name = "tier {0}")
    @ValueSource(strings = {BWRAP, LAUNCHER})
    void leftoverThreadsAreExplainedAndWaitedForProcessesPass(String tier) throws IOException {
        Arena arena = arena(tier);
        String honest = "{value: " + Arena.quote("honest-" + arena.token()) + "}";

        Arena.Graded graded = arena.grade(
                "late_result.py",
                LIMITS,
                arena.call("an idle daemon thread", "idle_daemon", honest),
                arena.call("subprocess.run and os.system", "waits_for_its_processes", honest),
                Arena.honestAdd("the next case gets its own result"));

        assertThat(graded.status("an idle daemon thread")).as(graded.describe()).isNotEqualTo(Status.PASSED);
        assertThat(graded.verdict("an idle daemon thread").message())
                .as(graded.describe())
                .contains("your code left a thread running while sprout was reading its answer, "
                        + "so sprout cannot trust that answer");
        assertThat(graded.status("subprocess.run and os.system"))
                .as(graded.describe())
                .isEqualTo(Status.PASSED);
        assertThat(graded.status("the next case gets its own result"))
                .as(graded.describe())
                .isEqualTo(Status.PASSED);
    }

    /**
     * Every case starts from a fresh state: on tier A that includes /dev/shm, the only writable
     * place besides the case's scratch dir (issue #12, item 6). Tier B has the machine's /dev/shm
     * and /tmp, which it cannot reset: the test documents that a counter there survives.
     */
    @ParameterizedTest(name = "tier {0}")
    @ValueSource(strings = {BWRAP, LAUNCHER})
    void aCounterInDevShmStartsAgainInEveryCase(String tier) throws IOException {
        Arena arena = arena(tier);
        Path hostCounter = Path.of("/dev/shm", "sprout-counter-" + arena.token());
        try {
            Arena.Graded graded = arena.grade(
                    "shm_counter.py",
                    LIMITS,
                    arena.call("first call", "count", "{value: 1}", "/dev/shm"),
                    arena.call("second call", "count", "{value: 1}", "/dev/shm"),
                    arena.call("third call", "count", "{value: 1}", "/dev/shm"));

            assertThat(graded.status("first call")).as(graded.describe()).isEqualTo(Status.PASSED);
            if (arena.tierA()) {
                assertThat(graded.status("second call")).as(graded.describe()).isEqualTo(Status.PASSED);
                assertThat(graded.status("third call")).as(graded.describe()).isEqualTo(Status.PASSED);
                assertThat(hostCounter).as("the sandbox's /dev/shm is its own").doesNotExist();
            } else {
                assertThat(graded.verdict("second call").actual())
                        .as(graded.describe())
                        .contains("2");
            }
        } finally {
            Files.deleteIfExists(hostCounter);
        }
    }

    /**
     * Without root, tier B runs every student's code as sprout's own user (issue #12, item 14):
     * `grade --batch` says what that exposes and refuses unless told --allow-weak-sandbox.
     */
    @Test
    @Timeout(120)
    void aBatchOnTierBWithoutRootSaysWhatIsExposedAndNeedsTheFlag() throws Exception {
        assumeTrue(Unprivileged.possible(), "needs root to start a JVM as an ordinary user");
        Path dir = Sandboxes.newWorkspace();
        try {
            Path adder = Files.createDirectories(dir.resolve("pack/graders/01-basics/01-adder"));
            Files.writeString(
                    adder.resolve("grader.yaml"),
                    "version: 1\nentry: adder.py\ntasks:\n  - name: adds\n"
                            + "    cases:\n      - name: adds\n        call: add\n        args: [2, 3]\n        expect: {value: 5}\n");
            Files.writeString(adder.resolve("solution.py"), "def add(a, b):\n    return a + b\n");
            Path student = Files.createDirectories(dir.resolve("cohort/s01-ana/exercises/01-basics/01-adder"));
            Files.writeString(student.resolve("adder.py"), "def add(a, b):\n    return a + b\n");
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.toList()) {
                    Files.setPosixFilePermissions(
                            p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxrwxrwx" : "rw-rw-rw-"));
                }
            }
            List<String> grade = List.of(
                    "grade",
                    "--batch",
                    dir.resolve("cohort").toString(),
                    "--pack",
                    dir.resolve("pack").toString(),
                    "--sandbox",
                    "launcher",
                    "--python",
                    "/usr/bin/python3");

            Unprivileged.Run refused = Unprivileged.java(Main.class, grade, Duration.ofSeconds(60));
            List<String> allowedArgs = new ArrayList<>(grade);
            allowedArgs.add("--allow-weak-sandbox");
            Unprivileged.Run allowed = Unprivileged.java(Main.class, allowedArgs, Duration.ofSeconds(60));

            assertThat(refused.exit()).as(refused.out() + refused.err()).isEqualTo(2);
            assertThat(refused.err())
                    .contains("without root")
                    .contains("expected values")
                    .contains("fake its own results")
                    .contains("--allow-weak-sandbox");
            assertThat(allowed.exit()).as(allowed.out() + allowed.err()).isZero();
            assertThat(allowed.err()).contains("without root");
        } finally {
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @ParameterizedTest(name = "tier {0}")
    @ValueSource(strings = {BWRAP, LAUNCHER})
    void monkeypatchedBuiltinsAndHarnessInternalsFoolNoCheck(String tier) throws IOException {
        Arena arena = arena(tier);

        Arena.Graded graded = arena.grade(
                "monkeypatch.py",
                LIMITS,
                arena.call("attack: isinstance and type and repr and len lie", "fake_builtins", "{value: [1, 2, 3]}"),
                arena.attackCall("attack: json.dumps forged", "fake_json"),
                arena.attackCall("attack: no os._exit and no os.write", "no_way_out"),
                arena.attackCall("attack: harness functions replaced", "harness_internals"),
                arena.call("the next case has pristine builtins", "still_pristine", "{value: true}"));

        assertThat(graded.status("attack: isinstance and type and repr and len lie"))
                .as(graded.describe())
                .isEqualTo(Status.FAILED);
        assertThat(graded.status("attack: json.dumps forged"))
                .as(graded.describe())
                .isEqualTo(Status.FAILED);
        assertThat(graded.status("attack: no os._exit and no os.write"))
                .as(graded.describe())
                .isNotEqualTo(Status.PASSED);
        assertThat(graded.status("attack: harness functions replaced"))
                .as(graded.describe())
                .isEqualTo(Status.FAILED);
        assertThat(graded.status("the next case has pristine builtins"))
                .as(graded.describe())
                .isEqualTo(Status.PASSED);
    }

    @ParameterizedTest(name = "tier {0}")
    @ValueSource(strings = {BWRAP, LAUNCHER})
    void aSubmissionGradedAlongsideAnotherCannotReachIt(String tier) throws Exception {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwx--x--x"));
        Arena victim = arena(tier, temp.resolve("victim"));
        Arena attacker = arena(tier, temp.resolve("attacker"));
        Thread[] victimThread = new Thread[1];
        ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
            victimThread[0] = new Thread(task, "hostile-victim");
            return victimThread[0];
        });
        try {
            Future<Arena.Graded> victimGrading = executor.submit(() -> victim.grade(
                    "victim.py",
                    "{cpu: 1, wall: 6}",
                    victim.call(
                            "an honest case graded meanwhile",
                            "slow",
                            "{value: " + Arena.quote("victim-" + victim.token()) + "}")));
            Path victimSource = awaitHarness(sandbox(tier), victimThread);

            Arena.Graded graded = attacker.grade(
                    "neighbour.py", LIMITS, attacker.attackCall("attack", "attack", victimSource.toString()));

            Arena.Graded victimGraded = victimGrading.get(30, TimeUnit.SECONDS);
            assertThat(graded.status("attack")).as(graded.describe()).isEqualTo(Status.FAILED);
            JsonNode report = graded.report("attack");
            assertThat(report.path("read_source").asString())
                    .as("reading the other submission's files")
                    .doesNotStartWith("ok");
            if (attacker.tierA()) {
                assertThat(report.path("victim_seen").asBoolean())
                        .as("the other sandbox's processes are visible")
                        .isFalse();
            } else {
                // tier B shares the pid namespace: the other harness is visible, and that is all
                assertThat(report.path("victim_seen").asBoolean())
                        .as(graded.describe())
                        .isTrue();
                for (String attempt : List.of("environ", "plant", "signal")) {
                    assertThat(report.path(attempt).asString()).as(attempt).doesNotStartWith("ok");
                }
            }
            assertThat(victimGraded.status("an honest case graded meanwhile"))
                    .as(victimGraded.describe())
                    .isEqualTo(Status.PASSED);
        } finally {
            executor.shutdownNow();
        }
    }

    /** The source dir of the first harness {@code thread[0]} starts, once it has started one. */
    private static Path awaitHarness(RecordingSandbox sandbox, Thread[] thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (thread[0] != null) {
                List<SandboxRequest> started = sandbox.startedBy(thread[0]);
                if (!started.isEmpty()) {
                    return started.get(0).sourceDir();
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the other submission's harness did not start within 10 s");
    }
}
