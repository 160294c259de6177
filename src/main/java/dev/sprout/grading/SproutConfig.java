package dev.sprout.grading;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

import org.junit.platform.engine.ConfigurationParameters;

import dev.sprout.sandbox.Limits;
import dev.sprout.spec.Case;
import dev.sprout.spec.GraderSpec;

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
    /** Limits set on the command line; they override the spec's, per case too. */
    public static final String LIMIT_CPU = "sprout.limits.cpu";

    public static final String LIMIT_WALL = "sprout.limits.wall";
    public static final String LIMIT_MEMORY_MB = "sprout.limits.memory_mb";
    /**
     * "true" when someone waits at the keyboard (submit, watch): after the first case that runs
     * out of time the rest are not run, since they would most likely wait out their limits too.
     */
    public static final String STOP_AT_TIME_LIMIT = "sprout.stop_at_time_limit";

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

    /** The limits a case runs under: defaults, then the exercise's, the case's, and the command line's. */
    Limits limits(GraderSpec spec, Optional<Case> testCase) {
        return limits(spec, testCase, parameters::get);
    }

    /** {@link #limits(dev.sprout.spec.GraderSpec, Optional)} with the parameters from elsewhere (the {@link Grader}'s own). */
    static Limits limits(GraderSpec spec, Optional<Case> testCase, Function<String, Optional<String>> parameters) {
        Limits limits = applied(spec.limits(), Limits.DEFAULTS);
        if (testCase.isPresent() && testCase.get().timeout().isPresent()) {
            limits = limits.withWall(testCase.get().timeout().get());
        }
        return applied(
                new GraderSpec.LimitOverrides(
                        parameters.apply(LIMIT_CPU).map(Double::parseDouble),
                        parameters.apply(LIMIT_WALL).map(Double::parseDouble),
                        parameters.apply(LIMIT_MEMORY_MB).map(mb -> Long.parseLong(mb) << 20),
                        Optional.empty()),
                limits);
    }

    /**
     * {@code limits} with what an exercise, a case or the command line overrides. Here rather than
     * in the spec model, so that spec stays plain data and never depends on the sandbox.
     */
    public static Limits applied(GraderSpec.LimitOverrides overrides, Limits limits) {
        Limits result = limits;
        if (overrides.cpuSeconds().isPresent()) {
            result = result.withCpu(seconds(overrides.cpuSeconds().get()));
        }
        if (overrides.wallSeconds().isPresent()) {
            result = result.withWall(seconds(overrides.wallSeconds().get()));
        }
        if (overrides.memoryBytes().isPresent()) {
            result = result.withMemoryBytes(overrides.memoryBytes().get());
        }
        if (overrides.outputBytes().isPresent()) {
            result = result.withOutputBytes(overrides.outputBytes().get());
        }
        return result;
    }

    private static Duration seconds(double value) {
        return Duration.ofMillis(Math.round(value * 1000));
    }

    boolean stopAtTimeLimit() {
        return parameters.getBoolean(STOP_AT_TIME_LIMIT).orElse(false);
    }

    Optional<Path> submission() {
        return parameters.get(SUBMISSION).map(Path::of);
    }
}
