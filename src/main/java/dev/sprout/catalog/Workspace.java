package dev.sprout.catalog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A learner's workspace: a folder holding {@code exercises/} laid out like a pack's. Found from
 * the current folder or any parent, as git finds its repository.
 */
public record Workspace(Path root) {

    public static Optional<Workspace> find(Path start) {
        Path dir = start.toAbsolutePath().normalize();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("exercises"))) {
                return Optional.of(new Workspace(dir));
            }
            dir = dir.getParent();
        }
        return Optional.empty();
    }

    /** The learner's copy of an exercise. */
    public Path exerciseDir(Exercise exercise) {
        return root.resolve("exercises").resolve(exercise.relativeDir().toString());
    }

    public Path stateDir() {
        return root.resolve(".sprout");
    }
}
