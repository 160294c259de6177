package dev.sprout.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What an unprivileged sandbox user (uid/gid 65534, or a tier-B sandbox's own id from
 * {@link SandboxUsers}) can reach, judged from mode bits, and handing it what it needs. ACLs are
 * ignored: at worst a path is staged, or reported, that the user could in fact have opened.
 */
final class NobodyAccess {

    private static final int READ = 4;
    private static final int EXECUTE = 1;

    private NobodyAccess() {}

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
        return reach(path, HostTools.NOBODY);
    }

    /** How far user and group {@code id} (with no supplementary groups) gets towards reading {@code path}. */
    static Reach reach(Path path, int id) throws IOException {
        Path real = path.toRealPath();
        if (!allows(real, Files.isDirectory(real) ? READ | EXECUTE : READ, id)) {
            return Reach.UNREADABLE;
        }
        return canWalkTo(real, id) ? Reach.READABLE : Reach.BLOCKED_ABOVE;
    }

    /** Whether user {@code id} may search every directory above {@code path}. */
    static boolean canWalkTo(Path path, int id) throws IOException {
        for (Path dir = path.toRealPath().getParent(); dir != null; dir = dir.getParent()) {
            if (!allows(dir, EXECUTE, id)) {
                return false;
            }
        }
        return true;
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

    /**
     * Makes a private copy readable (never writable) by group {@code gid} alone: files g+r,
     * directories g+rx, nothing for others, so sandboxes of other ids cannot read it.
     */
    static void shareWithGroupOnly(Path privateCopy, int gid) throws IOException {
        try (Stream<Path> walk = Files.walk(privateCopy)) {
            for (Path path : (Iterable<Path>) walk::iterator) {
                if (Files.isSymbolicLink(path)) {
                    continue;
                }
                Files.setAttribute(path, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
                int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
                int wanted = (mode & ~027) | 040 | (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? 010 : 0);
                Files.setAttribute(path, "unix:mode", wanted & 07777, LinkOption.NOFOLLOW_LINKS);
            }
        }
    }

    /** Hands a scratch directory and everything in it to the sandbox user. */
    static void giveToNobody(Path scratch) throws IOException {
        giveTo(scratch, HostTools.NOBODY);
    }

    /** Hands a scratch directory and everything in it to user and group {@code id}. */
    static void giveTo(Path scratch, int id) throws IOException {
        try (Stream<Path> walk = Files.walk(scratch)) {
            for (Path path : (Iterable<Path>) walk::iterator) {
                Files.setAttribute(path, "unix:uid", id, LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(path, "unix:gid", id, LinkOption.NOFOLLOW_LINKS);
            }
        }
    }

    /** Whether user and group {@code id} (with no supplementary groups) has all of {@code bits} on {@code path}. */
    private static boolean allows(Path path, int bits, int id) throws IOException {
        Map<String, Object> unix = Files.readAttributes(path, "unix:mode,uid,gid");
        int mode = (Integer) unix.get("mode");
        int granted;
        if ((Integer) unix.get("uid") == id) {
            granted = (mode >> 6) & 7;
        } else if ((Integer) unix.get("gid") == id) {
            granted = (mode >> 3) & 7;
        } else {
            granted = mode & 7;
        }
        return (granted & bits) == bits;
    }
}
