package dev.sprout.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the unprivileged sandbox user (uid/gid 65534) can reach, judged from mode bits. ACLs are
 * ignored: at worst a path is staged, or reported, that nobody could in fact have opened.
 */
final class NobodyAccess {

    private static final int READ = 4;
    private static final int EXECUTE = 1;

    private NobodyAccess() {
    }

    /** How far the sandbox user gets towards reading a path. */
    enum Reach {
        /** it can walk there and read it (and list it, if a directory) */
        READABLE,
        /** the path itself is open to it, but a directory above is not searchable */
        BLOCKED_ABOVE,
        /** the path's own permissions shut it out */
        UNREADABLE
    }

    static Reach reach(Path path) throws IOException {
        Path real = path.toRealPath();
        if (!allows(real, Files.isDirectory(real) ? READ | EXECUTE : READ)) {
            return Reach.UNREADABLE;
        }
        for (Path dir = real.getParent(); dir != null; dir = dir.getParent()) {
            if (!allows(dir, EXECUTE)) {
                return Reach.BLOCKED_ABOVE;
            }
        }
        return Reach.READABLE;
    }

    /**
     * Makes a private copy readable (never writable) by others: files o+r, directories o+rx.
     * Symbolic links are left alone; what they point at is not ours to change.
     */
    static void openToOthers(Path privateCopy) throws IOException {
        try (Stream<Path> walk = Files.walk(privateCopy)) {
            for (Path path : (Iterable<Path>) walk::iterator) {
                if (Files.isSymbolicLink(path)) {
                    continue;
                }
                int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
                int wanted = mode | 04 | (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? 01 : 0);
                if (wanted != mode) {
                    Files.setAttribute(path, "unix:mode", wanted & 07777, LinkOption.NOFOLLOW_LINKS);
                }
            }
        }
    }

    /** Hands a scratch directory and everything in it to the sandbox user. */
    static void giveToNobody(Path scratch) throws IOException {
        try (Stream<Path> walk = Files.walk(scratch)) {
            for (Path path : (Iterable<Path>) walk::iterator) {
                Files.setAttribute(path, "unix:uid", HostTools.NOBODY, LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(path, "unix:gid", HostTools.NOBODY, LinkOption.NOFOLLOW_LINKS);
            }
        }
    }

    /** Whether uid/gid 65534 (with no supplementary groups) has all of {@code bits} on {@code path}. */
    private static boolean allows(Path path, int bits) throws IOException {
        Map<String, Object> unix = Files.readAttributes(path, "unix:mode,uid,gid");
        int mode = (Integer) unix.get("mode");
        int granted;
        if ((Integer) unix.get("uid") == HostTools.NOBODY) {
            granted = (mode >> 6) & 7;
        } else if ((Integer) unix.get("gid") == HostTools.NOBODY) {
            granted = (mode >> 3) & 7;
        } else {
            granted = mode & 7;
        }
        return (granted & bits) == bits;
    }
}
