package dev.sprout.spec;

import java.nio.file.Path;

/** A grader spec that cannot be used; the message names the file, line and field. */
public final class SpecException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Path file;
    private final int line;
    private final String field;

    public SpecException(Path file, int line, String field, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + (field.isEmpty() ? "" : field + ": ") + problem);
        this.file = file;
        this.line = line;
        this.field = field;
    }

    public Path file() {
        return file;
    }

    public int line() {
        return line;
    }

    public String field() {
        return field;
    }
}
