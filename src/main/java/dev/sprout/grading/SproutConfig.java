package dev.sprout.grading;

import java.nio.file.Path;
import java.util.Optional;

import org.junit.platform.engine.ConfigurationParameters;

/**
 * Every configuration parameter and unique-id segment of the sprout engine, in one place.
 *
 * <ul>
 *   <li>{@value #GRADERS}: folder holding {@code <stage>/<slug>/grader.yaml}; resolves exercise ids</li>
 *   <li>{@value #WORKSPACE}: the learner's workspace; their file is {@code exercises/<stage>/<slug>/<entry>}</li>
 *   <li>{@value #SUBMISSION}: a folder to grade instead of the workspace's exercise folder</li>
 * </ul>
 */
public final class SproutConfig {

    public static final String ENGINE_ID = "sprout";
    public static final String GRADERS = "sprout.graders";
    public static final String WORKSPACE = "sprout.workspace";
    public static final String SUBMISSION = "sprout.submission";

    static final String EXERCISE_SEGMENT = "exercise";
    static final String TASK_SEGMENT = "task";
    static final String CASE_SEGMENT = "case";

    private final ConfigurationParameters parameters;

    SproutConfig(ConfigurationParameters parameters) {
        this.parameters = parameters;
    }

    Optional<Path> graders() {
        return parameters.get(GRADERS).map(Path::of);
    }

    Path workspace() {
        return parameters.get(WORKSPACE).map(Path::of).orElse(Path.of("."));
    }

    Optional<Path> submission() {
        return parameters.get(SUBMISSION).map(Path::of);
    }
}
