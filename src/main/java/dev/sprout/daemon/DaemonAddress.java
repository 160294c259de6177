package dev.sprout.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;

import dev.sprout.process.CurrentUser;

/**
 * Where the server for one user, one sprout build, one folder and one setting listens. The key
 * (part of the socket's name) covers everything a server cannot take from a request: the Java it
 * runs on, the jar's identity (so a rebuilt sprout never talks to an old server), the working
 * folder (a pyenv shim picks its interpreter by it) and the environment variables that reach code
 * reading the process environment or the processes it starts. Requests carry the rest.
 *
 * @param folder a folder only this user can open (0700, owned by them, not a link)
 * @param key    16 hex digits
 */
record DaemonAddress(Path folder, String key) {

    /** Raised when the wire format changes, so an old server is never asked in a new way. */
    static final int PROTOCOL = 1;

    private static final Set<String> KEYED_NAMES = Set.of(
            "PATH",
            "HOME",
            "USER",
            "LOGNAME",
            "TMPDIR",
            "LANG",
            "LANGUAGE",
            "TZ",
            "JAVA_HOME",
            "JAVA_TOOL_OPTIONS",
            "VIRTUAL_ENV",
            "CONDA_PREFIX");
    private static final List<String> KEYED_PREFIXES =
            List.of("SPROUT_", "PYTHON", "PYENV_", "LC_", "XDG_", "LD_", "PG");

    Path socket() {
        return folder.resolve(key + ".sock");
    }

    /** Held by the running server: whoever holds it owns the socket's name (see {@link DaemonLock}). */
    Path lock() {
        return folder.resolve(key + ".lock");
    }

    /** What the server says about itself (start, stop, failures): it has no terminal. */
    Path log() {
        return folder.resolve(key + ".log");
    }

    /**
     * The address for this process's Java, class path, folder and environment; empty where no
     * private folder can be had (another user owns the place, no /proc to learn our uid).
     */
    static Optional<DaemonAddress> of(
            Map<String, String> environment, Path workingDir, String javaCommand, String classPath) {
        Optional<Path> folder = privateFolder(environment);
        if (folder.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DaemonAddress(folder.get(), key(environment, workingDir, javaCommand, classPath)));
    }

    static String key(Map<String, String> environment, Path workingDir, String javaCommand, String classPath) {
        StringBuilder text = new StringBuilder();
        text.append("protocol=").append(PROTOCOL).append('\n');
        text.append("java=").append(javaCommand).append('\n');
        text.append("classpath=").append(classPathIdentity(classPath)).append('\n');
        text.append("cwd=").append(workingDir).append('\n');
        for (Map.Entry<String, String> variable : new TreeMap<>(environment).entrySet()) {
            if (keyed(variable.getKey())) {
                text.append(variable.getKey())
                        .append('=')
                        .append(variable.getValue())
                        .append('\n');
            }
        }
        // FNV-1a, 64 bits: a name, not a secret (the folder keeps others out), and MessageDigest
        // would load the security providers, a tenth of the client's start-up
        long hash = 0xcbf29ce484222325L;
        for (byte b : text.toString().getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        String hex = Long.toHexString(hash);
        return "0".repeat(16 - hex.length()) + hex;
    }

    static boolean keyed(String name) {
        if (KEYED_NAMES.contains(name)) {
            return true;
        }
        for (String prefix : KEYED_PREFIXES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** Each class path entry with its size and modification time: a rebuilt jar is another sprout. */
    static String classPathIdentity(String classPath) {
        StringBuilder identity = new StringBuilder();
        for (String entry : classPath.split(java.io.File.pathSeparator)) {
            if (entry.isBlank()) {
                continue; // "the working folder" to Java: what a command does there must not change the key
            }
            Path path = Path.of(entry).toAbsolutePath();
            identity.append(path).append('@');
            try {
                identity.append(Files.size(path))
                        .append('/')
                        .append(Files.getLastModifiedTime(path).toMillis());
            } catch (IOException | RuntimeException e) {
                identity.append("missing");
            }
            identity.append(';');
        }
        return identity.toString();
    }

    /**
     * $XDG_RUNTIME_DIR/sprout (the login session's private folder) when there is one, else
     * /tmp/sprout-UID. Made 0700 when missing; refused when it is a link, belongs to someone else
     * or others may enter it (on a shared /tmp another user could have made it first).
     */
    static Optional<Path> privateFolder(Map<String, String> environment) {
        OptionalInt uid = CurrentUser.uid();
        if (uid.isEmpty()) {
            return Optional.empty();
        }
        String runtime = environment.getOrDefault("XDG_RUNTIME_DIR", "");
        Path folder;
        if (!runtime.isBlank() && Path.of(runtime).isAbsolute() && Files.isDirectory(Path.of(runtime))) {
            folder = Path.of(runtime, "sprout");
        } else {
            folder = Path.of(System.getProperty("java.io.tmpdir", "/tmp"), "sprout-" + uid.getAsInt());
        }
        try {
            if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(
                        folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
        } catch (IOException | UnsupportedOperationException e) {
            // made by a racing client in the meantime: checked below like any other
        }
        return isPrivate(folder, uid.getAsInt()) ? Optional.of(folder) : Optional.empty();
    }

    static boolean isPrivate(Path folder, int uid) {
        try {
            if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            Object owner = Files.getAttribute(folder, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(folder, LinkOption.NOFOLLOW_LINKS);
            return owner instanceof Integer id
                    && id == uid
                    && permissions.equals(PosixFilePermissions.fromString("rwx------"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }
}
