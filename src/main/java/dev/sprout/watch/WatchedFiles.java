package dev.sprout.watch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Which files count as the learner's work, and a hash of them: saves that change nothing
 * (an editor's "save" with no edits, a touch) are skipped by comparing hashes.
 */
public final class WatchedFiles {

    private WatchedFiles() {}

    /**
     * Files that are never the learner's work: sprout's own state, Python caches, and the
     * temporary files editors write while saving (vim's .swp and 4913, emacs' #x# and x~).
     */
    public static boolean ignored(Path path) {
        for (Path part : path) {
            String name = part.toString();
            if (name.equals(".sprout") || name.equals("__pycache__") || name.equals(".git")) {
                return true;
            }
        }
        Path file = path.getFileName();
        if (file == null) {
            return true;
        }
        String name = file.toString();
        return name.startsWith(".")
                || name.endsWith("~")
                || name.endsWith(".swp")
                || name.endsWith(".swx")
                || name.endsWith(".pyc")
                || name.equals("4913")
                || name.startsWith("#")
                || name.endsWith(".tmp");
    }

    /** A hash of every non-ignored file's name and content under {@code dir}; stable across runs. */
    public static String hash(Path dir) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> !ignored(dir.relativize(p)))
                    .sorted()
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            return "unreadable:" + e.getMessage();
        }
        for (Path file : files) {
            digest.update(dir.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            try {
                digest.update(Files.readAllBytes(file));
            } catch (IOException e) {
                // mid-save the file may vanish for a moment: the next event hashes again
                digest.update((byte) 1);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
