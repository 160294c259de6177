package dev.sprout.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One directory per JVM, readable by the sandbox user, holding the few /etc files learner code
 * may need (localhost must resolve; getpass must find a user) and the mount points used to stage
 * paths the sandbox user cannot reach. Deleted when the JVM exits.
 */
final class SupportFiles {

    static final String HOSTS = "127.0.0.1\tlocalhost sprout\n::1\tlocalhost ip6-localhost ip6-loopback\n";
    static final String PASSWD = "nobody:x:65534:65534:sprout learner:/nonexistent:/usr/sbin/nologin\n";
    static final String GROUP = "nogroup:x:65534:\n";

    private final Path root;

    private SupportFiles(Path root) {
        this.root = root;
    }

    private static final class Holder {
        static final SupportFiles INSTANCE = create();
    }

    static SupportFiles get() {
        return Holder.INSTANCE;
    }

    Path etc(String name) {
        return root.resolve("etc").resolve(name);
    }

    /** A fresh directory for one sandbox's staging mount points; the caller deletes it. */
    Path newStageDir() throws IOException {
        Path dir = Files.createTempDirectory(root.resolve("stage"), "run");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        return dir;
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException ignored) {
                    // best effort: an empty mount point left in the temp dir harms no one
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // best effort, as above
        }
    }

    private static SupportFiles create() {
        try {
            // /tmp is world-searchable on every Linux; java.io.tmpdir may not be
            Path base = Files.isDirectory(Path.of("/tmp")) ? Path.of("/tmp") : Path.of(System.getProperty("java.io.tmpdir"));
            Path root = Files.createTempDirectory(base, "sprout-sandbox-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(root), "sprout-support-cleanup"));
            Files.createDirectories(root.resolve("etc"));
            Files.createDirectories(root.resolve("stage"));
            Files.writeString(root.resolve("etc/hosts"), HOSTS);
            Files.writeString(root.resolve("etc/passwd"), PASSWD);
            Files.writeString(root.resolve("etc/group"), GROUP);
            for (String file : new String[] {"etc/hosts", "etc/passwd", "etc/group"}) {
                Files.setPosixFilePermissions(root.resolve(file), PosixFilePermissions.fromString("r--r--r--"));
            }
            for (Path dir : new Path[] {root, root.resolve("etc")}) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            Files.setPosixFilePermissions(root.resolve("stage"), PosixFilePermissions.fromString("rwx--x--x"));
            return new SupportFiles(root);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the sandbox's support files in the temp dir", e);
        }
    }
}
