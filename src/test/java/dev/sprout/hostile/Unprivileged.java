package dev.sprout.hostile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a test main class in a JVM of its own as an ordinary user (uid/gid {@value #UID}, as on
 * GitHub's runners), so the real pipeline is exercised the way CI runs it: sprout not root,
 * learner code the same user as sprout. Only possible when this JVM is root (setpriv drops to
 * the user). The class path is made readable to that user: entries under a closed directory
 * (~/.m2 in /root) are hard-linked, or copied, into a world-readable folder once per JVM.
 */
public final class Unprivileged {

    public static final int UID = 1001;

    /** What the forked JVM printed and how it ended. */
    public record Run(int exit, String out, String err) {}

    private static List<String> classPath;

    private Unprivileged() {}

    /** True when this JVM may run others as {@value #UID}: it is root and setpriv exists. */
    public static boolean possible() {
        return "root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/bin/setpriv"));
    }

    public static Run java(Class<?> main, List<String> args, Duration timeout)
            throws IOException, InterruptedException {
        Path java = Path.of(ProcessHandle.current().info().command().orElse("java"));
        List<String> command = new ArrayList<>(List.of(
                "/usr/bin/setpriv",
                "--reuid=" + UID,
                "--regid=" + UID,
                "--clear-groups",
                "--",
                "/usr/bin/env",
                "-i",
                "PATH=/usr/local/bin:/usr/bin:/bin",
                "HOME=/tmp",
                "LANG=C.UTF-8",
                java.toString(),
                "-XX:TieredStopAtLevel=1",
                "-XX:-UsePerfData",
                "-Xmx256m",
                "-Djava.io.tmpdir=/tmp",
                "-cp",
                String.join(":", readableClassPath()),
                main.getName()));
        command.addAll(args);
        Path out = Files.createTempFile("sprout-unprivileged-", ".out");
        Path err = Files.createTempFile("sprout-unprivileged-", ".err");
        try {
            Process process = new ProcessBuilder(command)
                    .directory(Path.of("/tmp").toFile())
                    .redirectInput(
                            ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
                throw new AssertionError("the unprivileged JVM did not end within " + timeout + ":\n"
                        + Files.readString(out) + Files.readString(err));
            }
            return new Run(
                    process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static synchronized List<String> readableClassPath() throws IOException {
        if (classPath != null) {
            return classPath;
        }
        // surefire starts tests through a manifest-only jar; the real class path is in this property
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path shared = Files.createTempDirectory("sprout-classpath-");
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> entries = new ArrayList<>();
        int index = 0;
        for (String entry : path.split(":")) {
            if (entry.isBlank()) {
                continue;
            }
            Path from = Path.of(entry).toAbsolutePath();
            if (!Files.isRegularFile(from) || othersCanRead(from)) {
                entries.add(from.toString());
                continue;
            }
            Path to = shared.resolve((index++) + "-" + from.getFileName());
            try {
                Files.createLink(to, from);
            } catch (IOException | UnsupportedOperationException otherDevice) {
                Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
            }
            entries.add(to.toString());
        }
        // links and copies only: deleting them leaves ~/.m2 as it was
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (var files = Files.list(shared)) {
                files.forEach(f -> f.toFile().delete());
            } catch (IOException | RuntimeException ignored) {
                // a temp dir: the system cleans it eventually
            }
            shared.toFile().delete();
        }));
        classPath = List.copyOf(entries);
        return classPath;
    }

    /** The file and every directory above it are open to others. */
    private static boolean othersCanRead(Path file) throws IOException {
        if (!Files.getPosixFilePermissions(file).contains(PosixFilePermission.OTHERS_READ)) {
            return false;
        }
        for (Path dir = file.getParent(); dir != null; dir = dir.getParent()) {
            if (!Files.getPosixFilePermissions(dir).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                return false;
            }
        }
        return true;
    }
}
