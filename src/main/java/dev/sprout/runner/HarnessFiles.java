package dev.sprout.runner;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.io.FileUtils;

/**
 * harness.py, and its compiled code once an interpreter has handed it back, in one read-only
 * folder per interpreter for the whole JVM: every sandbox mounts the same folder instead of each
 * submission writing and deleting its own copy. Readable by others, since learner code runs as
 * another user when sprout runs as root; nothing in it is secret (the harness is open source).
 */
final class HarnessFiles {

    static final byte[] HARNESS = harnessBytes();
    static final String HARNESS_SHA = sha256(HARNESS);

    private static final class Holder {
        static final Path ROOT = createRoot();
    }

    /** interpreter key -> its folder, holding harness.py and, once known, harness.code */
    private static final Map<String, Path> FOLDERS = new ConcurrentHashMap<>();

    private HarnessFiles() {
    }

    /** The folder for this interpreter and harness version, with harness.py in it. */
    static Path folder(String interpreterKey) {
        return FOLDERS.computeIfAbsent(interpreterKey + "\0" + HARNESS_SHA, key -> {
            try {
                Path dir = Files.createTempDirectory(Holder.ROOT, "py");
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
                Path harness = dir.resolve("harness.py");
                Files.write(harness, HARNESS);
                Files.setPosixFilePermissions(harness, PosixFilePermissions.fromString("r--r--r--"));
                return dir;
            } catch (IOException e) {
                throw new UncheckedIOException("could not write the Python harness to the temp dir", e);
            }
        });
    }

    /**
     * Publishes the compiled harness next to harness.py. A harness starting meanwhile either
     * finds no file and compiles harness.py itself, or finds the whole file: it is renamed into place.
     */
    static void publishCode(Path folder, byte[] compiled) {
        Path code = folder.resolve("harness.code");
        if (Files.exists(code)) {
            return;
        }
        try {
            Path temp = Files.createTempFile(folder, "harness", ".part");
            Files.write(temp, compiled);
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("r--r--r--"));
            try {
                Files.move(temp, code, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, code, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // later harnesses compile harness.py themselves: slower, not wrong
        }
    }

    private static Path createRoot() {
        try {
            // /tmp is world-searchable on every Linux; java.io.tmpdir may not be
            Path base = Files.isDirectory(Path.of("/tmp")) ? Path.of("/tmp") : Path.of(System.getProperty("java.io.tmpdir"));
            Path root = Files.createTempDirectory(base, "sprout-harness-");
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> FileUtils.deleteQuietly(root.toFile()),
                    "sprout-harness-cleanup"));
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a folder for the Python harness in the temp dir", e);
        }
    }

    private static byte[] harnessBytes() {
        try (InputStream in = HarnessFiles.class.getResourceAsStream("harness.py")) {
            if (in == null) {
                throw new IllegalStateException("harness.py is missing from the sprout jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
