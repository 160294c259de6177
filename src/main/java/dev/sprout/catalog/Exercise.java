package dev.sprout.catalog;

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
}
