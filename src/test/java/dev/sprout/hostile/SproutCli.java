package dev.sprout.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.commons.io.FileUtils;

/**
 * The real sprout CLI in a child JVM, started as the current user or, like on GitHub's runners, as
 * an ordinary user ({@link #RUNNER_UID}, through {@code setpriv}): the hostile suite itself runs as
 * root, where some promises (files learner code cannot reach, a uid change) hold for reasons that
 * vanish in CI. Reusable for any attack that needs sprout as a separate, unprivileged process:
 * <pre>
 * SproutCli cli = SproutCli.asUser(SproutCli.RUNNER_UID);   // or asCurrentUser()
 * Path work = cli.newTree();                                  // a folder that user owns, under /tmp
 * ... write the graded tree into work ...
 * cli.handOver(work);                                         // after writing: it owns every file
 * SproutCli.Result r = cli.run(work, Duration.ofSeconds(60), Map.of(), "grade", "--all");
 * Process p = cli.start(work, Map.of(), "submit"); SproutCli.signal(p, "INT");
 * </pre>
 * The child gets a cleared environment (PATH, LANG, a HOME of its own, SPROUT_PYTHON=/usr/bin/python3,
 * which every user can run, unlike root's pyenv) plus what the test adds. Its class path is this
 * test JVM's, with the jars copied once to a world-readable folder since ~/.m2 is root's own.
 */
final class SproutCli {

    /** The uid GitHub's hosted runners run jobs as. */
    static final int RUNNER_UID = 1001;

    static final String PYTHON = "/usr/bin/python3";

    private static String sharedClassPath;

    private final OptionalInt uid;

    private SproutCli(OptionalInt uid) {
        this.uid = uid;
    }

    static SproutCli asCurrentUser() {
        return new SproutCli(OptionalInt.empty());
    }

    static SproutCli asUser(int uid) {
        return new SproutCli(OptionalInt.of(uid));
    }

    boolean unprivileged() {
        return uid.isPresent();
    }

    @Override
    public String toString() {
        return uid.isPresent() ? "as uid " + uid.getAsInt() : "as " + System.getProperty("user.name");
    }

    /** A fresh folder under /tmp (not a @TempDir: those are root's own, mode 700) for a graded tree. */
    Path newTree() throws IOException {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "sprout-cli-test-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        handOver(dir);
        return dir;
    }

    /** Gives {@code dir} and everything under it to the child's user, as a checkout belongs to the runner. */
    void handOver(Path dir) throws IOException {
        if (uid.isEmpty()) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.toList()) {
                Files.setAttribute(p, "unix:uid", uid.getAsInt(), LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(p, "unix:gid", uid.getAsInt(), LinkOption.NOFOLLOW_LINKS);
            }
        }
    }

    /** One finished run. */
    record Result(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    Result run(Path workingDir, Duration timeout, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        Process process = start(workingDir, env, args);
        CompletableFuture<String> out = drain(process.getInputStream());
        CompletableFuture<String> err = drain(process.getErrorStream());
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("sprout " + String.join(" ", args) + " " + this + " did not finish in " + timeout
                    + "; stderr so far: " + err.getNow(""));
        }
        return new Result(process.exitValue(), out.join(), err.join());
    }

    /** Starts sprout; the caller reads or discards its output and waits for it. Its stdin stays open. */
    Process start(Path workingDir, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        if (uid.isPresent()) {
            command.addAll(
                    List.of("setpriv", "--reuid=" + uid.getAsInt(), "--regid=" + uid.getAsInt(), "--clear-groups"));
        }
        command.addAll(List.of(
                "env",
                "-i",
                "PATH=/usr/local/bin:/usr/bin:/bin",
                "LANG=C.UTF-8",
                "HOME=" + home(),
                "SPROUT_PYTHON=" + PYTHON));
        env.forEach((k, v) -> command.add(k + "=" + v));
        command.addAll(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-Xshare:auto",
                "-cp",
                classPath(),
                "dev.sprout.cli.Main"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(workingDir.toFile()).start();
    }

    /** Sends a signal (INT, TERM, KILL) to the sprout JVM itself, as Ctrl-C or a CI runner's cancel would. */
    static void signal(Process process, String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
                .inheritIO()
                .start();
        assertThat(kill.waitFor()).as("kill -" + name).isZero();
    }

    static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
    }

    private String home() throws IOException {
        if (uid.isEmpty()) {
            return System.getProperty("user.home");
        }
        Path home = Path.of("/tmp", "sprout-cli-home-" + uid.getAsInt());
        Files.createDirectories(home);
        Files.setAttribute(home, "unix:uid", uid.getAsInt());
        Files.setAttribute(home, "unix:gid", uid.getAsInt());
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
        return home.toString();
    }

    private static synchronized String classPath() throws IOException {
        if (sharedClassPath == null) {
            String own = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            Path jars = Files.createTempDirectory(Path.of("/tmp"), "sprout-cli-cp-");
            Files.setPosixFilePermissions(jars, PosixFilePermissions.fromString("rwxr-xr-x"));
            List<String> entries = new ArrayList<>();
            int i = 0;
            for (String entry : own.split(File.pathSeparator)) {
                Path path = Path.of(entry);
                if (Files.isRegularFile(path)) {
                    Path copy = jars.resolve((i++) + "-" + path.getFileName());
                    try {
                        // a hard link costs nothing (GraalPy's jars are hundreds of MB); the jar itself is
                        // world-readable
                        Files.createLink(copy, path);
                    } catch (IOException | UnsupportedOperationException otherFileSystem) {
                        Files.copy(path, copy, StandardCopyOption.REPLACE_EXISTING);
                        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
                    }
                    entries.add(copy.toString());
                } else if (Files.isDirectory(path)) {
                    entries.add(path.toString());
                }
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> FileUtils.deleteQuietly(jars.toFile())));
            sharedClassPath = String.join(File.pathSeparator, entries);
        }
        return sharedClassPath;
    }
}
