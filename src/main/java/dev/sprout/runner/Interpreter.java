package dev.sprout.runner;

import java.nio.file.Path;
import java.util.List;

/**
 * A resolved Python interpreter.
 *
 * @param command        what the user named (e.g. {@code python3}, a pyenv shim)
 * @param executable     the real binary ({@code sys.executable}), spawned directly: a pyenv
 *                       shim costs ~300 ms a spawn
 * @param version        e.g. {@code 3.11.2}
 * @param implementation e.g. {@code cpython}
 * @param prefixes       directories the interpreter reads its standard library from
 */
public record Interpreter(String command, Path executable, String version, String implementation, List<Path> prefixes) {

    public Interpreter {
        prefixes = List.copyOf(prefixes);
    }

    /** "Python 3.11.2 (/usr/bin/python3)" */
    public String describe() {
        return "Python " + version + " (" + executable + ")";
    }

    public boolean atLeast(int major, int minor) {
        String[] parts = version.split("\\.");
        int ma = Integer.parseInt(parts[0]);
        int mi = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
        return ma > major || (ma == major && mi >= minor);
    }
}
