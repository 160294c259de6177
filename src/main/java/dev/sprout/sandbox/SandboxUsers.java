package dev.sprout.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * User ids of their own for tier-B sandboxes started by root. Tier B shares the machine's pid
 * namespace and file system, so two submissions graded side by side (batch grading) as the same
 * user could read each other's files, write into each other's scratch dirs, signal or ptrace
 * each other's processes, and share one RLIMIT_NPROC budget (one fork bomb starving its
 * neighbours); every other process of user nobody on the machine would be exposed too. An id
 * no one else uses closes all of that, and lets {@link #killAll} find every process a
 * submission left, whatever session or parent it escaped to.
 *
 * <p>Ids come from 1879048192 (0x70000000) upwards, a range systemd documents as unused (above
 * the subordinate ids useradd hands out and the container ranges systemd-nspawn picks, below
 * the signed 32-bit limit). They have no passwd entry: {@code getpass.getuser()} and
 * {@code Path.home()} fail in learner code there, as they would for any uid without one.
 */
final class SandboxUsers {

    static final int FIRST = 0x70000000;
    static final int COUNT = 1 << 20;
    private static final int KILL_ROUNDS = 50;

    private static final Set<Integer> IN_USE = new HashSet<>();

    private SandboxUsers() {}

    /** A user (and group) id that no other sandbox of this JVM holds, for one sandbox. */
    static synchronized int allocate() {
        while (true) {
            int id = FIRST + ThreadLocalRandom.current().nextInt(COUNT);
            if (IN_USE.add(id)) {
                return id;
            }
        }
    }

    /** SIGKILLs every process whose real or effective uid is {@code id}, then frees the id. */
    static void killAllAndRelease(int id) {
        try {
            killAll(id);
        } finally {
            synchronized (SandboxUsers.class) {
                IN_USE.remove(id);
            }
        }
    }

    /** Repeats until a round finds none: a fork bomb forks while it is being killed. */
    static void killAll(int id) {
        for (int round = 0; round < KILL_ROUNDS; round++) {
            Set<Long> found = processesOf(id);
            if (found.isEmpty()) {
                return;
            }
            found.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Live processes of user {@code id}, by the Uid line of /proc/PID/status (owners of /proc/PID lie for non-dumpable ones). */
    static Set<Long> processesOf(int id) {
        Set<Long> found = new HashSet<>();
        String wanted = Integer.toString(id);
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(
                Path.of("/proc"), p -> p.getFileName().toString().chars().allMatch(Character::isDigit))) {
            for (Path dir : dirs) {
                uidLine(dir).ifPresent(fields -> {
                    // "Uid:\treal\teffective\tsaved\tfilesystem"; a zombie still shows it and is skipped by state
                    if ((fields[1].equals(wanted) || fields[2].equals(wanted)) && !isZombie(dir)) {
                        found.add(Long.parseLong(dir.getFileName().toString()));
                    }
                });
            }
        } catch (IOException e) {
            // no /proc: nothing to find (killAll is Linux-only, like tier B)
        }
        return found;
    }

    private static Optional<String[]> uidLine(Path dir) {
        try {
            for (String line : Files.readAllLines(dir.resolve("status"), StandardCharsets.ISO_8859_1)) {
                if (line.startsWith("Uid:")) {
                    String[] fields = line.split("\\s+");
                    return fields.length >= 3 ? Optional.of(fields) : Optional.empty();
                }
            }
        } catch (IOException | RuntimeException gone) {
            // exited while we looked
        }
        return Optional.empty();
    }

    private static boolean isZombie(Path dir) {
        return ProcTable.read(Long.parseLong(dir.getFileName().toString()))
                .map(ProcTable.Entry::isZombie)
                .orElse(true);
    }
}
