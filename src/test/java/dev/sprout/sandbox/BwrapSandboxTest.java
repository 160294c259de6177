package dev.sprout.sandbox;

import static dev.sprout.sandbox.SandboxFixtures.assertNoneLeft;
import static dev.sprout.sandbox.SandboxFixtures.awaitProcesses;
import static dev.sprout.sandbox.SandboxFixtures.processesWith;
import static dev.sprout.sandbox.SandboxFixtures.python;
import static dev.sprout.sandbox.SandboxFixtures.run;
import static dev.sprout.sandbox.SandboxFixtures.statusField;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.sprout.sandbox.SandboxFixtures.Outcome;

/** Tier A against real attacks: each test runs a small Python program inside bwrap. */
@Timeout(30)
class BwrapSandboxTest {

    private static Sandbox sandbox;

    @TempDir
    Path workspace;

    @BeforeAll
    static void bwrapWorksHere() {
        Diagnosis diagnosis = Sandboxes.diagnose();
        assumeTrue(diagnosis.tier() == Tier.BWRAP, () -> "bwrap is not usable here: " + diagnosis.describe());
        sandbox = Sandboxes.choose("bwrap");
    }

    @Test
    void forksOfTheProgramCannotTraceItNorReachItThroughProc() throws Exception {
        Outcome outcome = run(sandbox, python(workspace, """
                import ctypes, os
                libc = ctypes.CDLL(None, use_errno=True)
                print("dumpable", libc.prctl(3, 0, 0, 0, 0), flush=True)  # PR_GET_DUMPABLE
                if os.fork() == 0:
                    parent = os.getppid()
                    for what in ("fd", "mem", "environ"):
                        try:
                            os.listdir("/proc/%d/fd" % parent) if what == "fd" else open("/proc/%d/%s" % (parent, what), "rb")
                            print(what, "reached", flush=True)
                        except OSError as e:
                            print(what, type(e).__name__, flush=True)
                    print("ptrace", libc.ptrace(16, parent, 0, 0), ctypes.get_errno(), flush=True)  # PTRACE_ATTACH
                    pidfd = os.pidfd_open(parent)
                    print("pidfd_getfd", libc.syscall(438, pidfd, 0, 0), ctypes.get_errno(), flush=True)
                    try:
                        open("/proc/self/oom_score_adj", "w").write("1000")
                        print("proc writable", flush=True)
                    except OSError as e:
                        print("proc", type(e).__name__, e.errno, flush=True)
                    os._exit(0)
                os.wait()
                """));

        assertThat(outcome.stdout()).as(outcome.stderr()).isEqualTo("""
                dumpable 0
                fd PermissionError
                mem PermissionError
                environ PermissionError
                ptrace -1 1
                pidfd_getfd -1 1
                proc OSError 30
                """);
    }

    @Test
    void cannotReadShadowRootOrTheHomeDirectory() throws Exception {
        String home = System.getProperty("user.home");
        Outcome outcome = run(sandbox, python(workspace, """
                import os, sys
                for path in ["/etc/shadow", "/root/.bashrc", sys.argv[1], "/etc/hostname"]:
                    try:
                        open(path).read(); print("READ", path)
                    except OSError as e:
                        print("denied", path, type(e).__name__)
                print("etc:", sorted(os.listdir("/etc")))
                print("root:", sorted(os.listdir("/")))
                """, home));

        assertThat(outcome.stdout()).doesNotContain("READ");
        assertThat(outcome.stdout()).contains("etc: ['group', 'hosts', 'ld.so.cache', 'passwd']");
        assertThat(outcome.exit()).as(outcome.stderr()).isZero();
    }

    @Test
    void tcpListenerOnHostLoopbackSeesNoConnection() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Outcome outcome = run(sandbox, python(workspace, """
                    import socket, sys
                    try:
                        socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=2)
                        print("CONNECTED")
                    except OSError as e:
                        print("refused", e)
                    """, Integer.toString(listener.getLocalPort())));

            assertThat(outcome.stdout()).startsWith("refused");
            listener.setSoTimeout(300);
            assertThatThrownBy(listener::accept).isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void loopbackInsideWorksAndLocalhostResolves() throws Exception {
        Outcome outcome = run(sandbox, python(workspace, """
                import socket
                server = socket.create_server(("localhost", 0))
                client = socket.create_connection(server.getsockname()[:2], timeout=2)
                peer, _ = server.accept()
                client.sendall(b"ping"); print(peer.recv(4).decode())
                """));

        assertThat(outcome.stdout().strip()).as(outcome.stderr()).isEqualTo("ping");
    }

    @Test
    void learnerCodeIsNobodyInsideAndOutsideWhenSproutIsRoot() throws Exception {
        assumeTrue(HostTools.isRoot(), "only meaningful when the JVM runs as root");
        String marker = SandboxFixtures.marker();
        try (SandboxedProcess process = sandbox.start(python(workspace, """
                import os, time
                print(os.getuid(), os.getgid(), flush=True)
                time.sleep(30)
                """, marker))) {
            assertThat(new String(process.stdout().readNBytes(12)).strip()).isEqualTo("65534 65534");
            awaitProcesses(marker, 1);
            long hostPid = processesWith(marker).get(0);
            // the kernel uid is what RLIMIT_NPROC and file permissions see: it must not be 0
            assertThat(statusField(hostPid, "Uid")).isEqualTo("65534\t65534\t65534\t65534");
        }
        assertNoneLeft(marker);
    }

    @Test
    void theRootFallbackStillShowsNobodyInside() throws Exception {
        assumeTrue(HostTools.isRoot(), "the fallback exists for root only");
        Sandbox mapped =
                new BwrapSandbox(BwrapSandbox.Tools.locate().orElseThrow(), BwrapSandbox.Identity.MAPPED_NOBODY);

        Outcome outcome = run(mapped, python(workspace, "import os; print(os.getuid(), os.path.exists('/root'))"));

        assertThat(outcome.stdout()).as(outcome.stderr()).isEqualTo("65534 False\n");
    }

    @Test
    void processLimitHoldsAgainstAForkBomb() throws Exception {
        assumeTrue(
                ((BwrapSandbox) sandbox).identity() != BwrapSandbox.Identity.MAPPED_NOBODY,
                "root without setpriv: the kernel does not apply RLIMIT_NPROC");
        Outcome outcome = run(sandbox, python(workspace, """
                import os, resource, time
                resource.setrlimit(resource.RLIMIT_NPROC, (20, 20))  # what the harness does per case
                children = 0
                for _ in range(200):
                    try:
                        if os.fork() == 0:
                            time.sleep(5); os._exit(0)
                        children += 1
                    except OSError:
                        break
                print(children, flush=True)
                os.killpg(0, 9)
                """));

        assertThat(Integer.parseInt(outcome.stdout().strip())).isBetween(10, 20);
    }

    @Test
    void seesOnlyTheEnvironmentItIsGiven() throws Exception {
        Outcome outcome =
                run(sandbox, python(workspace, """
                import os
                print(sorted(os.environ))
                print(os.environ["GREETING"])
                """, Map.of("GREETING", "hello there"), Limits.DEFAULTS, List.of()));

        // PWD comes from bwrap, LC_CTYPE from Python's own C-locale coercion, SPROUT_PRIVATE_DIRS from
        // the sandbox (its own /dev/shm, which the harness empties after every case)
        assertThat(outcome.stdout())
                .as(outcome.stderr())
                .isEqualTo("['GREETING', 'LC_CTYPE', 'PWD', 'SPROUT_PRIVATE_DIRS']\nhello there\n");
    }

    @Test
    void cannotChangeTheLearnersFiles() throws Exception {
        SandboxRequest request = python(workspace, """
                import os, sys
                src = sys.argv[1]
                for attempt in [lambda: open(os.path.join(src, "solution.py"), "a").write("x"),
                                lambda: open(os.path.join(src, "new.py"), "w").write("x"),
                                lambda: os.remove(os.path.join(src, "solution.py")),
                                lambda: os.chmod(os.path.join(src, "solution.py"), 0o777)]:
                    try:
                        attempt(); print("CHANGED")
                    except OSError as e:
                        print("refused", e.strerror)
                print(open(os.path.join(src, "solution.py")).read())
                """, workspace.resolve("src").toString());
        Files.writeString(workspace.resolve("src/solution.py"), "print('mine')\n");

        Outcome outcome = run(sandbox, request);

        assertThat(outcome.stdout()).doesNotContain("CHANGED").contains("print('mine')");
        assertThat(Files.readString(workspace.resolve("src/solution.py"))).isEqualTo("print('mine')\n");
        try (Stream<Path> files = Files.list(workspace.resolve("src"))) {
            assertThat(files).hasSize(1);
        }
    }

    @Test
    void scratchIsCappedAndNothingElseIsWritable() throws Exception {
        Limits oneMiB = Limits.DEFAULTS.withScratchBytes(1L << 20);
        Outcome outcome = run(sandbox, python(workspace, """
                import os
                try:
                    with open("big", "wb") as f:
                        f.write(b"x" * (2 << 20))
                    print("WROTE 2 MiB")
                except OSError as e:
                    print("capped", e.strerror)
                for path in ["/f", "/tmp/f", "/dev/f", "/usr/f"]:
                    try:
                        open(path, "w"); print("WROTE", path)
                    except OSError as e:
                        print("refused", path)
                print("cwd", os.getcwd())
                """, Map.of(), oneMiB, List.of()));

        assertThat(outcome.stdout())
                .as(outcome.stderr())
                .contains("capped No space left on device")
                .doesNotContain("WROTE")
                .contains("cwd " + workspace.resolve("scratch"));
    }

    @Test
    void readOnlyPathsAppearAtTheirOwnPathEvenBehindClosedDirectories() throws Exception {
        Path closed = Files.createDirectory(workspace.resolve("closed"));
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
        Path harness = Files.writeString(
                Files.createDirectory(closed.resolve("harness")).resolve("h.py"), "print('harness ran')\n");
        Files.setPosixFilePermissions(harness.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));

        Outcome outcome = run(
                sandbox,
                python(
                        workspace,
                        "exec(open(__import__('sys').argv[1]).read())",
                        Map.of(),
                        Limits.DEFAULTS,
                        List.of(harness.getParent()),
                        harness.toString()));

        assertThat(outcome.stdout()).as(outcome.stderr()).isEqualTo("harness ran\n");
    }

    @Test
    void runsAPyenvInterpreterFromUnderRoot() throws Exception {
        Optional<Path> prefix = pyenvPrefix();
        assumeTrue(prefix.isPresent(), "no pyenv interpreter on this machine");
        SandboxRequest request = new SandboxRequest(
                List.of(
                        prefix.get().resolve("bin/python3").toString(),
                        "-I",
                        "-c",
                        "import sys; print(sys.version_info[0])"),
                Files.createDirectories(workspace.resolve("src")),
                workspace.resolve("scratch"),
                List.of(prefix.get()),
                Map.of(),
                Limits.DEFAULTS);

        Outcome outcome = run(sandbox, request);

        assertThat(outcome.stdout()).as(outcome.stderr()).isEqualTo("3\n");
    }

    @Test
    void refusesAProgramThatWouldNotExistInside() throws Exception {
        SandboxRequest request = new SandboxRequest(
                List.of("/opt/elsewhere/python3"),
                Files.createDirectories(workspace.resolve("src")),
                workspace.resolve("scratch"),
                List.of(),
                Map.of(),
                Limits.DEFAULTS);

        assertThatThrownBy(() -> sandbox.start(request))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("/opt/elsewhere/python3")
                .hasMessageContaining("readOnlyPaths");
    }

    @Test
    void closeLeavesNoProcessBehind() throws Exception {
        String marker = SandboxFixtures.marker();
        SandboxedProcess process =
                sandbox.start(python(workspace, SandboxFixtures.DOUBLE_FORK_DAEMON, marker, "setsid"));
        try {
            // "ready" comes once the daemon exists, so the count below cannot catch a half-made tree
            assertThat(new String(process.stdout().readNBytes(6))).isEqualTo("ready\n");
            awaitProcesses(marker, 2);
        } finally {
            process.close();
        }

        assertNoneLeft(marker);
        assertThat(process.isAlive()).isFalse();
    }

    @Test
    void aProgramThatEndsByItselfTakesItsDaemonsWithIt() throws Exception {
        // close() skips the /proc scan when bwrap exits by itself: the pid namespace must be gone by then
        String marker = SandboxFixtures.marker();
        SandboxedProcess process =
                sandbox.start(python(workspace, SandboxFixtures.DOUBLE_FORK_DAEMON, marker, "setsid", "then-exit"));
        try {
            assertThat(new String(process.stdout().readNBytes(6))).isEqualTo("ready\n");
            assertThat(process.waitFor(Duration.ofSeconds(10))).contains(0);
        } finally {
            process.close();
        }

        assertThat(processesWith(marker))
                .as("processes left the moment close() returned")
                .isEmpty();
    }

    private static Optional<Path> pyenvPrefix() throws IOException {
        Path versions = Path.of(System.getProperty("user.home"), ".pyenv", "versions");
        if (!Files.isDirectory(versions)) {
            return Optional.empty();
        }
        try (Stream<Path> prefixes = Files.list(versions)) {
            return prefixes.filter(p -> p.getFileName().toString().startsWith("3.1"))
                    .filter(p -> Files.isExecutable(p.resolve("bin/python3")))
                    .sorted()
                    .findFirst();
        }
    }
}
