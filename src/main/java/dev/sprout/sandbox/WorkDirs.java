package dev.sprout.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.sprout.process.ExitHooks;

/**
 * The {@code sprout-work-*} folders this JVM makes hold a copy of the learner's code: none may
 * outlive sprout, however it stops. Ctrl-C and SIGTERM run the JVM's shutdown hooks, and the hook
 * here deletes every folder still present. SIGKILL runs nothing, so each folder carries an
 * {@value #OWNER} file naming the JVM that made it, and the first folder a later sprout makes
 * sweeps those of the same user whose JVM is gone.
 */
final class WorkDirs {

    static final String PREFIX = "sprout-work-";
    static final String OWNER = ".owner";
    /** A folder without an owner file (an older sprout, or one being made right now) is swept only after this long. */
    private static final Duration UNOWNED_AGE = Duration.ofHours(24);

    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean SWEPT = new AtomicBoolean();
    private static final String ME = owner(ProcessHandle.current());

    static {
        // when the JVM is stopping already, a folder made now is swept by the next sprout (owner gone)
        ExitHooks.add(new Thread(WorkDirs::deleteAll, "sprout-workdir-cleanup"));
    }

    private WorkDirs() {}

    static Path create(Path base) throws IOException {
        Path dir = Files.createTempDirectory(base, PREFIX);
        Files.writeString(dir.resolve(OWNER), ME, StandardCharsets.UTF_8);
        LIVE.add(dir);
        if (SWEPT.compareAndSet(false, true)) {
            sweep(base, dir);
        }
        return dir;
    }

    /** "pid start-time": a pid alone may be reused by another process after a reboot or wrap-around. */
    private static String owner(ProcessHandle process) {
        return process.pid() + " "
                + process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }

    private static void deleteAll() {
        // the sandboxes' own hooks kill their processes meanwhile; a file written in between is caught by a retry
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (!LIVE.isEmpty() && System.nanoTime() < deadline) {
            for (Path dir : Set.copyOf(LIVE)) {
                if (delete(dir)) {
                    LIVE.remove(dir);
                }
            }
            if (!LIVE.isEmpty()) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Folders of this user left by a sprout that was killed (its JVM is gone). */
    private static void sweep(Path base, Path mine) {
        Object uid;
        try {
            uid = Files.getAttribute(mine, "unix:uid");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(base, PREFIX + "*")) {
            for (Path dir : dirs) {
                try {
                    if (!dir.equals(mine)
                            && Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
                            && uid.equals(Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS))
                            && abandoned(dir)) {
                        delete(dir);
                    }
                } catch (IOException | RuntimeException e) {
                    // another user's folder, or gone meanwhile: not ours to judge
                }
            }
        } catch (IOException e) {
            // the sweep is a courtesy: grading goes on without it
        }
    }

    private static boolean abandoned(Path dir) throws IOException {
        Path file = dir.resolve(OWNER);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Files.getLastModifiedTime(dir)
                    .toInstant()
                    .isBefore(Instant.now().minus(UNOWNED_AGE));
        }
        String[] owner = Files.readString(file, StandardCharsets.UTF_8).strip().split(" ");
        Optional<ProcessHandle> process;
        try {
            process = ProcessHandle.of(Long.parseLong(owner[0]));
        } catch (NumberFormatException e) {
            return false;
        }
        // alive with an unknown start time counts as the owner: better a leftover than a folder deleted under a grading
        return process.map(p -> p.info().startInstant().isPresent() && !owner(p).equals(String.join(" ", owner)))
                .orElse(true);
    }

    /**
     * Deletes without following links (learner code may leave a link to the user's files in its
     * scratch dir), the owner file last so a half-deleted folder is still recognised. True when gone.
     */
    static boolean delete(Path dir) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (!file.equals(dir.resolve(OWNER))) {
                        Files.deleteIfExists(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path sub, IOException e) throws IOException {
                    if (sub.equals(dir)) {
                        Files.deleteIfExists(dir.resolve(OWNER));
                    }
                    Files.deleteIfExists(sub);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException gone) {
            return true;
        } catch (IOException | RuntimeException e) {
            return !Files.exists(dir, LinkOption.NOFOLLOW_LINKS);
        }
        return !Files.exists(dir, LinkOption.NOFOLLOW_LINKS);
    }
}
