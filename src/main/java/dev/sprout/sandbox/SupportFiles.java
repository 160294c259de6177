package dev.sprout.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import dev.sprout.process.ExitHooks;

/**
 * One directory per JVM, readable by the sandbox user, holding the few /etc files learner code
 * may need (localhost must resolve; getpass must find a user), the mount points used to stage
 * paths the sandbox user cannot reach, the compiled {@link SyscallFilter}, and execute-only
 * copies of the programs sandboxes run. Deleted when the JVM exits.
 */
final class SupportFiles {

    static final String HOSTS = "127.0.0.1\tlocalhost sprout\n::1\tlocalhost ip6-localhost ip6-loopback\n";
    static final String PASSWD = "nobody:x:65534:65534:sprout learner:/nonexistent:/usr/sbin/nologin\n";
    static final String GROUP = "nogroup:x:65534:\n";

    private final Path root;
    private final Optional<Path> syscallFilter;
    /** program (real path) -> its execute-only copy, with the size and time it was copied at */
    private final Map<Path, Copy> executeOnly = new HashMap<>();

    private record Copy(Path file, long size, FileTime modified) {}

    private SupportFiles(Path root, Optional<Path> syscallFilter) {
        this.root = root;
        this.syscallFilter = syscallFilter;
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

    /** The compiled {@link SyscallFilter} for bwrap's --seccomp; empty on an unknown architecture. */
    Optional<Path> syscallFilter() {
        return syscallFilter;
    }

    /**
     * A copy of {@code program} that others may execute but not read (mode 0111), made once per
     * JVM. Linux makes a process that executes a file it cannot read non-dumpable: no process of
     * the same user may then ptrace it or open its /proc/PID/fd, mem or environ. Bound over the
     * program inside the sandbox, it keeps learner code (the same user, forked from the program)
     * out of the harness and off the harness's channel to the JVM, even when the JVM's user owns
     * that channel's pipes (an ordinary user's tier A).
     */
    synchronized Path executeOnlyCopy(Path program) throws IOException {
        long size = Files.size(program);
        FileTime modified = Files.getLastModifiedTime(program);
        Copy known = executeOnly.get(program);
        if (known != null && known.size() == size && known.modified().equals(modified) && Files.exists(known.file())) {
            return known.file();
        }
        Path dir = Files.createTempDirectory(root.resolve("exec"), "program");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path copy = Files.copy(program, dir.resolve(program.getFileName().toString()));
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("--x--x--x"));
        executeOnly.put(program, new Copy(copy, size, modified));
        return copy;
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
            Path base = Files.isDirectory(Path.of("/tmp"))
                    ? Path.of("/tmp")
                    : Path.of(System.getProperty("java.io.tmpdir"));
            Path root = Files.createTempDirectory(base, "sprout-sandbox-");
            ExitHooks.add(new Thread(() -> deleteTree(root), "sprout-support-cleanup"));
            Files.createDirectories(root.resolve("etc"));
            Files.createDirectories(root.resolve("stage"));
            Files.createDirectories(root.resolve("exec"));
            Files.writeString(root.resolve("etc/hosts"), HOSTS);
            Files.writeString(root.resolve("etc/passwd"), PASSWD);
            Files.writeString(root.resolve("etc/group"), GROUP);
            for (String file : new String[] {"etc/hosts", "etc/passwd", "etc/group"}) {
                Files.setPosixFilePermissions(root.resolve(file), PosixFilePermissions.fromString("r--r--r--"));
            }
            for (Path dir : new Path[] {root, root.resolve("etc"), root.resolve("exec")}) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            Files.setPosixFilePermissions(root.resolve("stage"), PosixFilePermissions.fromString("rwx--x--x"));
            Optional<Path> filter = Optional.empty();
            Optional<byte[]> program = SyscallFilter.forThisMachine();
            if (program.isPresent()) {
                // opened by the JVM's user before any identity change, so no one else needs to read it
                filter = Optional.of(Files.write(root.resolve("seccomp.bpf"), program.get()));
                Files.setPosixFilePermissions(filter.get(), PosixFilePermissions.fromString("r--------"));
            }
            return new SupportFiles(root, filter);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the sandbox's support files in the temp dir", e);
        }
    }
}
