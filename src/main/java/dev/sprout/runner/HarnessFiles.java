package dev.sprout.runner;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.io.FileUtils;
import tools.jackson.databind.JsonNode;

import dev.sprout.process.ExitHooks;

/**
 * The harness (harness.py and its package, harness/*.py), and its compiled code once an
 * interpreter has handed it back, in one read-only
 * folder per interpreter for the whole JVM: every sandbox mounts the same folder instead of each
 * submission writing and deleting its own copy. Readable by others, since learner code runs as
 * another user when sprout runs as root; nothing in it is secret (the harness is open source).
 *
 * <p>Start-up is most of a submission's cost, so the harness is compiled once per interpreter:
 * the first harness of a JVM hands back its own code object (marshalled, before any learner code
 * exists in its sandbox), and later harnesses of that interpreter start from it through
 * {@link #BOOT} instead of compiling harness.py again (docs/harness-protocol.md, "Start-up").
 */
final class HarnessFiles {

    /** The package's modules, as listed in harness/modules.txt (relative resource name -> bytes). */
    static final Map<String, byte[]> FILES = harnessFiles();

    static final String HARNESS_SHA = sha256(FILES);
    private static final int CODE_CAP_BYTES = 8 << 20;

    /**
     * Runs the harness from {@code harness.code} (the interpreter's magic number, then the
     * marshalled code of harness.py and of each module of its package, by name) when it is there
     * and fits this interpreter, else from harness.py. It runs in a namespace of its own, so the
     * code objects are not left in {@code __main__}, where learner code could find them.
     * Arguments: HARNESS_DIR SOURCE_DIR SCRATCH_DIR.
     */
    static final String BOOT = String.join(
            "\n",
            "import sys",
            "def _sprout_boot():",
            "    import marshal",
            "    from _frozen_importlib_external import MAGIC_NUMBER as m",
            "    d = sys.argv[1]",
            "    sys.argv = [d + '/harness.py'] + sys.argv[2:]",
            "    g = {'__name__': '__main__', '__file__': sys.argv[0], '__builtins__': __builtins__}",
            "    c = None",
            "    try:",
            "        with open(d + '/harness.code', 'rb') as f:",
            "            b = f.read()",
            "        if b[:len(m)] == m:",
            "            c = marshal.loads(b[len(m):])",
            "    except (OSError, ValueError, EOFError, TypeError):",
            "        c = None",
            "    if isinstance(c, dict) and 'harness' in c:",
            "        g['_sprout_codes'] = c",
            "        c = c['harness']",
            "    else:",
            "        with open(sys.argv[0], 'rb') as f:",
            "            c = compile(f.read(), sys.argv[0], 'exec')",
            "    return c, g",
            "exec(*_sprout_boot())",
            "");

    /** Compiled harness (magic + marshalled code) by interpreter and harness version. */
    private static final Map<String, byte[]> COMPILED = new ConcurrentHashMap<>();

    private static final class Holder {
        static final Path ROOT = createRoot();
    }

    /** interpreter key -> its folder, holding harness.py and, once known, harness.code */
    private static final Map<String, Path> FOLDERS = new ConcurrentHashMap<>();

    private HarnessFiles() {}

    /** The folder for this interpreter and harness version, with harness.py and harness/ in it. */
    static Path folder(Interpreter interpreter) {
        return FOLDERS.computeIfAbsent(key(interpreter), key -> {
            try {
                Path dir = Files.createTempDirectory(Holder.ROOT, "py");
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
                // set after creating, as for dir: a creation attribute is subject to the umask
                Files.setPosixFilePermissions(
                        Files.createDirectory(dir.resolve("harness")), PosixFilePermissions.fromString("rwxr-xr-x"));
                for (Map.Entry<String, byte[]> file : FILES.entrySet()) {
                    Path path = dir.resolve(file.getKey());
                    Files.write(path, file.getValue());
                    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("r--r--r--"));
                }
                return dir;
            } catch (IOException e) {
                throw new UncheckedIOException("could not write the Python harness to the temp dir", e);
            }
        });
    }

    /**
     * Whether harness.code is in the interpreter's folder, ready for {@link #BOOT}; when not yet,
     * the caller asks its harness's hello for the code and hands it to {@link #remember}.
     */
    static boolean compiled(Interpreter interpreter) {
        return COMPILED.containsKey(key(interpreter));
    }

    /**
     * Keeps the code a harness handed back in its hello: it comes from a harness that has run no
     * learner code yet (hello is its first request), of this exact interpreter and harness.
     */
    static void remember(Interpreter interpreter, JsonNode hello) {
        String code = hello.path("code").asString("");
        String magic = hello.path("magic").asString("");
        if (code.isEmpty() || magic.isEmpty() || code.length() > CODE_CAP_BYTES * 4 / 3 + 4) {
            return;
        }
        try {
            byte[] head = HexFormat.of().parseHex(magic);
            byte[] body = Base64.getDecoder().decode(code);
            byte[] blob = new byte[head.length + body.length];
            System.arraycopy(head, 0, blob, 0, head.length);
            System.arraycopy(body, 0, blob, head.length, body.length);
            if (COMPILED.putIfAbsent(key(interpreter), blob) == null) {
                publishCode(folder(interpreter), blob);
            }
        } catch (IllegalArgumentException garbled) {
            // start from source next time too
        }
    }

    private static String key(Interpreter interpreter) {
        return interpreter.executable() + "\0" + interpreter.version() + "\0" + HARNESS_SHA;
    }

    /**
     * Publishes the compiled harness next to harness.py. A harness starting meanwhile either
     * finds no file and compiles the harness itself, or finds the whole file: it is renamed into place.
     */
    private static void publishCode(Path folder, byte[] compiled) {
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
            Path base = Files.isDirectory(Path.of("/tmp"))
                    ? Path.of("/tmp")
                    : Path.of(System.getProperty("java.io.tmpdir"));
            Path root = Files.createTempDirectory(base, "sprout-harness-");
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
            ExitHooks.add(new Thread(() -> FileUtils.deleteQuietly(root.toFile()), "sprout-harness-cleanup"));
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a folder for the Python harness in the temp dir", e);
        }
    }

    /** harness.py, then each module harness/modules.txt names, in its order. */
    private static Map<String, byte[]> harnessFiles() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("harness.py", resource("harness.py"));
        String index = new String(resource("harness/modules.txt"), StandardCharsets.UTF_8);
        for (String line : index.split("\n")) {
            String name = line.strip();
            if (!name.isEmpty()) {
                files.put("harness/" + name + ".py", resource("harness/" + name + ".py"));
            }
        }
        return Collections.unmodifiableMap(files);
    }

    private static byte[] resource(String name) {
        try (InputStream in = HarnessFiles.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " (the Python harness) is missing from the sprout jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One digest over every file and its name, so any change to the harness changes the key. */
    private static String sha256(Map<String, byte[]> files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                digest.update(file.getKey().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(HexFormat.of().toHexDigits(file.getValue().length).getBytes(StandardCharsets.UTF_8));
                digest.update(file.getValue());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
