package dev.sprout.catalog;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.sprout.spec.GraderSpec;

/**
 * An exercise of a pack.
 *
 * @param spec        its parsed grader
 * @param relativeDir {@code <stage>/<slug>}, the same under exercises/ and graders/
 * @param position    1-based place in roadmap order
 */
public record Exercise(GraderSpec spec, Path relativeDir, int position) {

    public String id() {
        return spec.id();
    }

    /** The folder slug, e.g. {@code 06-calculator}. */
    public String slug() {
        return relativeDir.getFileName().toString();
    }

    /** The grader folder: grader.yaml, solution.py, bad/. */
    public Path graderDir() {
        return spec.file().toAbsolutePath().getParent();
    }

    /** The entry's extension with its dot: {@code .py}, or {@code .sql} for an exercise of sql cases. */
    public String entryExtension() {
        String entry = spec.entry();
        int dot = entry.lastIndexOf('.');
        return dot < 0 ? "" : entry.substring(dot);
    }

    /**
     * The reference solution in the grader folder: {@code solution} plus the entry's extension, or
     * the folder {@code solution/}: a package exercise's package, or a single-file exercise's entry
     * file with the files it needs beside it (a Flask app's {@code templates/}), laid over the
     * exercise folder.
     */
    public Path solution() {
        Path folder = graderDir().resolve("solution");
        if (spec.isPackage() || Files.isDirectory(folder)) {
            return folder;
        }
        return graderDir().resolve("solution" + entryExtension());
    }

    /**
     * The comment that starts a known-bad submission's header lines ({@code # sprout-bad:},
     * {@code # must-fail:}): {@code --} in a .sql file, {@code #} otherwise.
     */
    public String commentMarker() {
        return entryExtension().equals(".sql") ? "--" : "#";
    }
}
