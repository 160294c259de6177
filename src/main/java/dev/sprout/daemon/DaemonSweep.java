package dev.sprout.daemon;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes what servers that are gone left in the server folder: every rebuilt sprout and every
 * new folder is another key with its own {@code .lock} and {@code .log} (and a {@code .sock} when
 * a server was killed), and nothing else ever removes them. A starting server sweeps, holding
 * its own lock: one listing of the folder, then, for each other key untouched for
 * {@code staleAfter} and not among the {@code keepNewest} last touched, that key's lock taken
 * without waiting; a held lock is a live (or starting) server, and everything of its key stays.
 * Only names of sprout's own pattern are touched, and only plain files and sockets: a key with a
 * link or a folder under one of its names is left alone. Sweeping never throws; what went wrong
 * comes back as a message for the server's log.
 *
 * @param staleAfter a key none of whose files changed for this long may go
 * @param keepNewest this many of the last touched other keys stay regardless of age
 */
record DaemonSweep(Duration staleAfter, int keepNewest) {

    /**
     * A day: a server logs every command it serves, so only a key unused for a day qualifies, and
     * by then its log is of no use to a learner; the folder then holds a day of rebuilds at most.
     * Five keys stay whatever their age, so whoever comes back after a week and asks what the
     * last servers said still finds their logs.
     */
    static final DaemonSweep DEFAULT = new DaemonSweep(Duration.ofDays(1), 5);

    /** {@link DaemonAddress#key}: 16 lowercase hex digits, then what the file is. */
    private static final Pattern NAME = Pattern.compile("([0-9a-f]{16})\\.(lock|log|sock)");

    private static final List<String> SUFFIXES = List.of(".sock", ".log");

    /**
     * @param removed  the keys whose files were removed
     * @param problems what could not be done, for the log; the next server tries again
     */
    record Swept(List<String> removed, List<String> problems) {}

    Swept sweep(Path folder, String ownKey, Instant now) {
        List<String> removed = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, Instant> lastTouched = new TreeMap<>();
        Set<String> unusual = new HashSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                Matcher name = NAME.matcher(entry.getFileName().toString());
                if (!name.matches() || name.group(1).equals(ownKey)) {
                    continue; // our own lock above all: opening it again would drop it (see DaemonLock)
                }
                String key = name.group(1);
                Optional<BasicFileAttributes> attributes;
                try {
                    attributes = attributes(entry);
                } catch (IOException e) {
                    unusual.add(key);
                    continue;
                }
                if (attributes.isEmpty()) {
                    continue; // gone since the listing
                }
                Instant modified = attributes.get().lastModifiedTime().toInstant();
                lastTouched.merge(key, modified, (a, b) -> a.isAfter(b) ? a : b);
                if (!plain(attributes.get())) {
                    unusual.add(key);
                }
            }
        } catch (IOException | RuntimeException e) {
            problems.add("could not list " + folder + " to remove old servers' files: " + e);
            return new Swept(removed, problems);
        }
        Instant cutoff = now.minus(staleAfter);
        List<String> newestFirst = lastTouched.keySet().stream()
                .sorted(Comparator.comparing(lastTouched::get).reversed())
                .toList();
        for (String key : newestFirst.subList(Math.min(keepNewest, newestFirst.size()), newestFirst.size())) {
            if (unusual.contains(key) || lastTouched.get(key).isAfter(cutoff)) {
                continue;
            }
            try {
                if (removeIfDead(folder, key, cutoff)) {
                    removed.add(key);
                }
            } catch (IOException | RuntimeException e) {
                problems.add("could not remove the files of " + key + " in " + folder + ": " + e);
            }
        }
        return new Swept(removed, problems);
    }

    /**
     * Removes the key's files when no server holds its lock, and nothing of it changed since the
     * listing. The lock is taken creating it if need be, so a server of the key starting now
     * either holds it first (and we leave) or finds it held and steps aside; its lock file goes
     * last, and only while we hold it.
     */
    private static boolean removeIfDead(Path folder, String key, Instant cutoff) throws IOException {
        Path lockFile = folder.resolve(key + ".lock");
        Optional<DaemonLock> taken = DaemonLock.take(lockFile, true);
        if (taken.isEmpty()) {
            return false; // a server holds it
        }
        try (DaemonLock held = taken.get()) {
            List<Path> files = new ArrayList<>();
            for (String suffix : SUFFIXES) {
                Path file = folder.resolve(key + suffix);
                Optional<BasicFileAttributes> now = attributes(file);
                if (now.isEmpty()) {
                    continue;
                }
                if (!plain(now.get())
                        || now.get().lastModifiedTime().toInstant().isAfter(cutoff)) {
                    return false; // a client just started a server of this key, say: it is not ours
                }
                files.add(file);
            }
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(lockFile);
        }
        return true;
    }

    private static Optional<BasicFileAttributes> attributes(Path file) throws IOException {
        try {
            return Optional.of(Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        }
    }

    /** What a server and its client make: files and a socket; never a link nor a folder. */
    private static boolean plain(BasicFileAttributes attributes) {
        return attributes.isRegularFile() || attributes.isOther();
    }
}
