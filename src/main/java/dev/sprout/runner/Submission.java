package dev.sprout.runner;

import java.nio.file.Path;
import java.util.List;

import dev.sprout.sandbox.Limits;

/**
 * One learner's exercise to grade.
 *
 * @param exerciseDir the learner's exercise folder (copied, never written)
 * @param entry       the learner's file, relative to {@code exerciseDir}
 * @param requires    Python modules the exercise needs
 * @param limits      limits for the whole submission and default per-case limits
 */
public record Submission(Path exerciseDir, String entry, List<String> requires, Limits limits) {

    public Submission {
        requires = List.copyOf(requires);
    }
}
