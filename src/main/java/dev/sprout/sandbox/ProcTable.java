package dev.sprout.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A snapshot of Linux's /proc: who is whose child, and which group and session each is in. */
final class ProcTable {

    private static final Path PROC = Path.of("/proc");

    /** One process, from the fields of /proc/PID/stat after the command name. */
    record Entry(long pid, char state, long ppid, long pgid, long sid) {

        boolean isZombie() {
            return state == 'Z' || state == 'X';
        }
    }

    private ProcTable() {}

    static boolean available() {
        return Files.isReadable(PROC.resolve("self/stat"));
    }

    static List<Entry> snapshot() {
        List<Entry> entries = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC, ProcTable::isPidDir)) {
            for (Path dir : dirs) {
                read(dir).ifPresent(entries::add);
            }
        } catch (IOException e) {
            // /proc vanished or is unreadable: return what we have; callers also use ProcessHandle
        }
        return entries;
    }

    private static boolean isPidDir(Path path) {
        String name = path.getFileName().toString();
        return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
    }

    static Optional<Entry> read(long pid) {
        return read(PROC.resolve(Long.toString(pid)));
    }

    private static Optional<Entry> read(Path dir) {
        try {
            String stat = Files.readString(dir.resolve("stat"), StandardCharsets.ISO_8859_1);
            // the command name is in parentheses and may itself contain spaces and ')'
            int close = stat.lastIndexOf(')');
            if (close < 0) {
                return Optional.empty();
            }
            String[] fields = stat.substring(close + 2).split(" ");
            long pid = Long.parseLong(dir.getFileName().toString());
            return Optional.of(new Entry(
                    pid,
                    fields[0].charAt(0),
                    Long.parseLong(fields[1]),
                    Long.parseLong(fields[2]),
                    Long.parseLong(fields[3])));
        } catch (IOException | RuntimeException gone) {
            return Optional.empty(); // exited between listing and reading
        }
    }
}
