package dev.sprout.runner;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.sprout.sandbox.Limits;

/**
 * One learner's exercise to grade.
 *
 * @param exerciseDir the learner's exercise folder (copied, never written)
 * @param entry       the learner's file, relative to {@code exerciseDir}
 * @param requires    Python modules the exercise needs
 * @param limits      limits for the whole submission and default per-case limits
 * @param shippedFiles the data files the exercise ships (relative paths); when present, only
 *                    these and the learner's .py files are copied, so a todo.json left by the
 *                    learner's own runs cannot leak into a "first run" case
 * @param postgres    whether some case runs against PostgreSQL: the session then starts a server
 */
public record Submission(
        Path exerciseDir,
        String entry,
        List<String> requires,
        Limits limits,
        Optional<Set<String>> shippedFiles,
        boolean postgres) {

    public Submission {
        requires = List.copyOf(requires);
        shippedFiles = shippedFiles.map(Set::copyOf);
    }

    public Submission(
            Path exerciseDir, String entry, List<String> requires, Limits limits, Optional<Set<String>> shippedFiles) {
        this(exerciseDir, entry, requires, limits, shippedFiles, false);
    }

    public Submission(Path exerciseDir, String entry, List<String> requires, Limits limits) {
        this(exerciseDir, entry, requires, limits, Optional.empty());
    }
}
