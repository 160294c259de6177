package dev.sprout.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Files in which sprout remembers facts about this machine across runs ({@code
 * $XDG_CACHE_HOME/sprout/NAME}, else {@code ~/.cache/sprout/NAME}): which sandbox works, what a
 * Python command resolves to. They decide which programs sprout starts, so a file is believed
 * only when nobody but this user could have written it: a regular file (not a link), owned by
 * our uid, in a folder owned by us, neither writable by group or others. Anything else reads as
 * absent and the caller probes again. Never inside a workspace or a graded tree: a submission
 * cannot choose what sprout finds here.
 */
public final class UserCache {

    /** Larger than any honest entry; a bigger file is not read. */
    static final int MAX_BYTES = 256 * 1024;

    private static final Set<PosixFilePermission> WRITABLE_BY_OTHERS =
            Set.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

    private UserCache() {}

    /** Where the cache file {@code name} lives for the user of {@code environment}; empty without a home. */
    public static Optional<Path> file(Map<String, String> environment, String name) {
        String xdg = environment.get("XDG_CACHE_HOME");
        String home = environment.get("HOME");
        // XDG says a relative XDG_CACHE_HOME is invalid and to be ignored
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
                ? Path.of(xdg)
                : home != null && !home.isBlank() ? Path.of(home, ".cache") : null;
        return Optional.ofNullable(base).map(b -> b.resolve("sprout").resolve(name));
    }

    /** The file's text, when it exists and only this user could have written it. */
    public static Optional<String> read(Path file) {
        try {
            if (!trusted(file) || !trusted(file.getParent())) {
                return Optional.empty();
            }
            try (InputStream in = Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                byte[] bytes = in.readNBytes(MAX_BYTES + 1);
                return bytes.length > MAX_BYTES
                        ? Optional.empty()
                        : Optional.of(new String(bytes, StandardCharsets.UTF_8));
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Replaces the file in one step (a reader sees the old text or the new, never half), taking
     * group and others' write permission off its folder. Best effort: a cache that cannot be
     * written (read-only home, CI sandbox) only costs the next run a probe.
     */
    public static void write(Path file, String text) {
        try {
            Path dir = file.getParent();
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir.getParent());
                try {
                    Files.createDirectory(dir);
                } catch (FileAlreadyExistsException raced) {
                    // another sprout made it first
                }
            }
            // writable by us alone, also when an older sprout made it under a umask of 002 (user
            // private groups): a folder others may write is never read from
            if (posix(dir)
                    && !Files.isSymbolicLink(dir)
                    && (Integer) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS)
                            == CurrentUser.uidOrUnknown()) {
                Set<PosixFilePermission> mode = EnumSet.copyOf(Files.getPosixFilePermissions(dir));
                if (mode.removeAll(WRITABLE_BY_OTHERS)) {
                    Files.setPosixFilePermissions(dir, mode);
                }
            }
            // createTempFile makes it 0600
            Path temp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            try {
                Files.writeString(temp, text, StandardCharsets.UTF_8);
                try {
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException | RuntimeException e) {
            // probing again next time is fine
        }
    }

    /** Best effort: the next write replaces it anyway. */
    public static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the next write replaces it
        }
    }

    private static boolean trusted(Path path) throws IOException {
        if (path == null || Files.isSymbolicLink(path)) {
            return false;
        }
        if (!posix(path)) {
            // no owners or modes to check (Windows): the profile folder is the user's
            return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
        }
        int owner = (Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        return owner == CurrentUser.uidOrUnknown() && mode.stream().noneMatch(WRITABLE_BY_OTHERS::contains);
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("unix");
    }
}
