package dev.sprout.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Real interpreters, real processes: small Python programs run in a sandbox, and a /proc scan. */
final class SandboxFixtures {

    /** Debian's interpreter: real (no pyenv shim) and inside /usr, so every tier can run it. */
    static final Path PYTHON = Path.of("/usr/bin/python3");

    private SandboxFixtures() {}

    /** What a finished program did. */
    record Outcome(int exit, String stdout, String stderr) {}

    /** A request to run {@code code} with {@code python3 -I -c}, plus {@code args} as sys.argv[1:]. */
    static SandboxRequest python(
            Path workspace, String code, Map<String, String> env, Limits limits, List<Path> readOnly, String... args)
            throws IOException {
        Path source = workspace.resolve("src");
        Path scratch = workspace.resolve("scratch");
        Files.createDirectories(source);
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), "-I", "-c", code));
        command.addAll(List.of(args));
        return new SandboxRequest(command, source, scratch, readOnly, env, limits);
    }

    static SandboxRequest python(Path workspace, String code, String... args) throws IOException {
        return python(workspace, code, Map.of(), Limits.DEFAULTS, List.of(), args);
    }

    /** Runs to the end (at most 15 s), reading both streams as it goes so no pipe fills up. */
    static Outcome run(Sandbox sandbox, SandboxRequest request) throws Exception {
        try (SandboxedProcess process = sandbox.start(request)) {
            process.stdin().close();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(process.stdout()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(process.stderr()));
            int exit = process.waitFor(Duration.ofSeconds(15))
                    .orElseThrow(() -> new AssertionError("the sandboxed program did not finish within 15 s"));
            return new Outcome(exit, out.get(5, TimeUnit.SECONDS), err.get(5, TimeUnit.SECONDS));
        }
    }

    private static String drain(InputStream stream) {
        try {
            return new String(stream.readNBytes(1 << 20), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "<read failed: " + e + ">";
        }
    }

    static String marker() {
        return "sprout-test-" + UUID.randomUUID();
    }

    /**
     * Live (non-zombie) Python processes whose command line contains {@code marker}. Wrappers
     * (bwrap, setpriv…) carry the marker in their arguments too, but do not start with Python.
     */
    static List<Long> processesWith(String marker) {
        List<Long> found = new ArrayList<>();
        byte[] needle = marker.getBytes(StandardCharsets.UTF_8);
        String program = PYTHON + "\0";
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(
                Path.of("/proc"), p -> p.getFileName().toString().chars().allMatch(Character::isDigit))) {
            for (Path dir : dirs) {
                try {
                    byte[] cmdline = Files.readAllBytes(dir.resolve("cmdline"));
                    boolean python = new String(cmdline, StandardCharsets.ISO_8859_1).startsWith(program);
                    if (python && contains(cmdline, needle) && !isZombie(dir)) {
                        found.add(Long.parseLong(dir.getFileName().toString()));
                    }
                } catch (IOException | RuntimeException gone) {
                    // exited while we looked
                }
            }
        } catch (IOException e) {
            throw new AssertionError("cannot scan /proc", e);
        }
        return found;
    }

    /** Waits (at most 10 s) until exactly {@code count} marked processes are alive. */
    static void awaitProcesses(String marker, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (processesWith(marker).size() != count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(processesWith(marker)).as("processes marked %s", marker).hasSize(count);
    }

    /** Asserts that within 3 s no marked process is left. */
    static void assertNoneLeft(String marker) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (!processesWith(marker).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(processesWith(marker)).as("processes left behind").isEmpty();
    }

    static String statusField(long pid, String field) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(line -> line.startsWith(field + ":"))
                .findFirst()
                .orElse("")
                .substring(field.length() + 1)
                .strip();
    }

    private static boolean isZombie(Path dir) throws IOException {
        String stat = Files.readString(dir.resolve("stat"), StandardCharsets.ISO_8859_1);
        char state = stat.charAt(stat.lastIndexOf(')') + 2);
        return state == 'Z' || state == 'X';
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * Python that forks a child, which calls setsid and forks a grandchild (a classic daemon),
     * then exits; the grandchild and the original both sleep. Prints "ready" once both exist.
     * With a third argument "then-exit", the original exits right after "ready" instead.
     */
    static final String DOUBLE_FORK_DAEMON = """
            import os, sys, time, ctypes
            if os.environ.get("SPROUT_SUBREAPER") == "1" and sys.argv[2] == "subreaper":
                ctypes.CDLL(None).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER, as the harness does
            if sys.argv[2] == "setsid" or sys.argv[2] == "subreaper":
                escape = os.setsid
            else:
                escape = lambda: None
            r, w = os.pipe()
            if os.fork() == 0:
                escape()
                if os.fork() == 0:
                    os.write(w, b"x")
                    time.sleep(60)
                    os._exit(0)
                os._exit(0)
            os.wait()
            os.read(r, 1)
            print("ready", flush=True)
            if sys.argv[3:] == ["then-exit"]:
                sys.exit(0)
            time.sleep(60)
            """;
}
