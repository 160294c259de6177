package dev.sprout.batch;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

import dev.sprout.catalog.Exercise;

/**
 * One submission to grade: a student's copy of one exercise.
 *
 * @param student  the batch folder's student name; empty when grading one workspace
 * @param exercise the exercise, from the pack that grades it
 * @param dir      the student's exercise folder (holding the entry file and its data files)
 * @param path     the entry file relative to the repository or batch root, forward slashes (for reports)
 * @param root     the submission's root: the student's folder, or the repository (or workspace) graded;
 *                 nothing graded may lie outside it, symbolic links included
 */
public record Target(String student, Exercise exercise, Path dir, String path, Path root) {

    /** Sort key: student, then file path, which is roadmap order. Shards and reports rely on it. */
    public String key() {
        return student + "\u0000" + path;
    }

    /** The entry file; for a package entry ({@code inventory/}), its folder. */
    public Path file() {
        return dir.resolve(exercise.spec().entryPath());
    }

    /** Whether there is something to grade: the entry file, or a package entry's real folder (not a link). */
    public boolean present() {
        return exercise.spec().isPackage()
                ? Files.isDirectory(file(), LinkOption.NOFOLLOW_LINKS)
                : Files.isRegularFile(file());
    }
}
