package dev.sprout.hostile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Finds live processes of a submission in /proc, the way an administrator would: by a marker
 * in the command line or the environment (the work dir, the test's token), or by the pid
 * namespace the sandboxed code reported it ran in.
 */
final class ProcScan {

    private static final Path PROC = Path.of("/proc");

    private ProcScan() {}

    /** The JVM's own pid namespace, as /proc/self/ns/pid names it ("pid:[4026531836]"). */
    static String ownPidNamespace() {
        try {
            return Files.readSymbolicLink(PROC.resolve("self/ns/pid")).toString();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * Waits up to {@code patience} for every matching process to end (SIGKILL is delivered and
     * reaped asynchronously), then returns those still alive, described for an assertion message.
     */
    static List<String> survivors(Collection<String> markers, Collection<String> namespaces, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        List<String> alive = matching(markers, namespaces);
        while (!alive.isEmpty() && System.nanoTime() < deadline) {
            sleep(50);
            alive = matching(markers, namespaces);
        }
        return alive;
    }

    static List<String> matching(Collection<String> markers, Collection<String> namespaces) {
        List<String> found = new ArrayList<>();
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(
                PROC, p -> p.getFileName().toString().chars().allMatch(Character::isDigit))) {
            for (Path dir : dirs) {
                if (dir.getFileName().toString().equals(Long.toString(self))) {
                    continue;
                }
                String stat = read(dir.resolve("stat"));
                int close = stat.lastIndexOf(')');
                if (close < 0 || close + 2 >= stat.length() || stat.charAt(close + 2) == 'Z') {
                    continue; // gone, or a zombie: it holds no memory and runs no code
                }
                String cmdline = read(dir.resolve("cmdline"));
                String environ = read(dir.resolve("environ"));
                String namespace = link(dir.resolve("ns/pid"));
                boolean hit = namespaces.contains(namespace)
                        || markers.stream().anyMatch(m -> cmdline.contains(m) || environ.contains(m));
                if (hit) {
                    found.add(dir.getFileName() + " [" + namespace + "] "
                            + cmdline.replace('\0', ' ').strip());
                }
            }
        } catch (IOException e) {
            throw new AssertionError("cannot list /proc", e);
        }
        return found;
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException | SecurityException e) {
            return ""; // exited meanwhile, or not ours to read
        }
    }

    private static String link(Path file) {
        try {
            return Files.readSymbolicLink(file).toString();
        } catch (IOException | SecurityException e) {
            return "";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
