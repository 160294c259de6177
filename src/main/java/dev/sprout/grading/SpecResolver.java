package dev.sprout.grading;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.DirectorySelector;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.discovery.FileSelector;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;
import org.junit.platform.engine.support.discovery.SelectorResolver;

import dev.sprout.spec.GraderSpec;
import dev.sprout.spec.SpecException;
import dev.sprout.spec.SpecParser;
import dev.sprout.spec.Task;

/**
 * Resolves grader.yaml files (file and directory selectors) and unique ids, one segment at a
 * time as Jupiter's resolvers do: an exercise id is looked up under {@link SproutConfig#GRADERS};
 * a task or case id asks for its parent first and finds itself in the parent's spec, or is
 * unresolved. An exercise, found either way, expands into its tasks and they into their cases.
 * Each spec is parsed once per discovery, however many selectors lead to it. A spec that fails
 * to parse becomes a discovery issue pointing at its file and line, never an exception.
 */
final class SpecResolver implements SelectorResolver {

    static final String SPEC_FILE = "grader.yaml";

    /** Reads a spec file; {@link SpecParser#parse(Path, String)} but for tests that count. */
    @FunctionalInterface
    interface SpecReader {
        GraderSpec read(Path file, String defaultId);
    }

    /** A spec file read once: the spec, or why it cannot be used. */
    private record Parsed(Optional<GraderSpec> spec, Optional<SpecException> problem) {}

    private final SproutConfig config;
    private final DiscoveryIssueReporter issues;
    private final SpecReader reader;
    private final Map<Path, Parsed> parsed = new HashMap<>();

    SpecResolver(SproutConfig config, DiscoveryIssueReporter issues, SpecReader reader) {
        this.config = config;
        this.issues = issues;
        this.reader = reader;
    }

    @Override
    public Resolution resolve(FileSelector selector, Context context) {
        Path file = selector.getPath();
        if (!file.getFileName().toString().equals(SPEC_FILE)) {
            return Resolution.unresolved();
        }
        return exercise(file, context);
    }

    @Override
    public Resolution resolve(DirectorySelector selector, Context context) {
        List<Path> specs = specsUnder(selector.getPath());
        if (specs.isEmpty()) {
            return Resolution.unresolved();
        }
        Set<DiscoverySelector> selectors = specs.stream()
                .map(p -> (DiscoverySelector) DiscoverySelectors.selectFile(p.toFile()))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        return Resolution.selectors(selectors);
    }

    @Override
    public Resolution resolve(UniqueIdSelector selector, Context context) {
        UniqueId id = selector.getUniqueId();
        UniqueId.Segment last = id.getLastSegment();
        // engine > exercise > task > case: each depth has one segment type
        return switch (id.getSegments().size()) {
            case 2 ->
                last.getType().equals(SproutConfig.EXERCISE_SEGMENT)
                        ? exerciseById(last.getValue(), context)
                        : Resolution.unresolved();
            case 3 ->
                last.getType().equals(SproutConfig.TASK_SEGMENT)
                        ? child(id, context, parent -> task(parent, last.getValue()))
                        : Resolution.unresolved();
            case 4 ->
                last.getType().equals(SproutConfig.CASE_SEGMENT)
                        ? child(id, context, parent -> testCase(parent, last.getValue()))
                        : Resolution.unresolved();
            default -> Resolution.unresolved();
        };
    }

    private Resolution exerciseById(String exerciseId, Context context) {
        if (config.graders().isEmpty()) {
            return Resolution.unresolved();
        }
        for (Path file : specsUnder(config.graders().get())) {
            if (defaultId(file).equals(exerciseId)
                    || idOf(file).filter(exerciseId::equals).isPresent()) {
                return exercise(file, context);
            }
        }
        return Resolution.unresolved();
    }

    private Resolution exercise(Path file, Context context) {
        Optional<GraderSpec> spec = spec(file);
        if (spec.isEmpty()) {
            return Resolution.unresolved();
        }
        return context.addToParent(parent -> Optional.of(new ExerciseDescriptor(
                        parent.getUniqueId()
                                .append(
                                        SproutConfig.EXERCISE_SEGMENT,
                                        spec.get().id()),
                        spec.get())))
                .map(exercise -> Resolution.match(Match.exact(
                        exercise,
                        () -> selectors(exercise.spec().tasks().stream()
                                .map(t -> taskId(exercise, t))
                                .toList()))))
                .orElse(Resolution.unresolved());
    }

    /** A task or case: its parent is resolved first, from its own unique id, then it is found in the parent. */
    private static Resolution child(
            UniqueId id, Context context, Function<TestDescriptor, Optional<? extends TestDescriptor>> inParent) {
        return context.<TestDescriptor>addToParent(
                        () -> DiscoverySelectors.selectUniqueId(id.removeLastSegment()),
                        parent -> inParent.apply(parent).map(TestDescriptor.class::cast))
                .map(found -> Resolution.match(
                        found instanceof TaskDescriptor task
                                ? Match.exact(
                                        task,
                                        () -> selectors(task.task().cases().stream()
                                                .map(c ->
                                                        task.getUniqueId().append(SproutConfig.CASE_SEGMENT, c.name()))
                                                .toList()))
                                : Match.exact(found)))
                .orElse(Resolution.unresolved());
    }

    private static Optional<TaskDescriptor> task(TestDescriptor parent, String number) {
        if (!(parent instanceof ExerciseDescriptor exercise)) {
            return Optional.empty();
        }
        return exercise.spec().tasks().stream()
                .filter(t -> String.valueOf(t.number()).equals(number))
                .findFirst()
                .map(t ->
                        new TaskDescriptor(taskId(exercise, t), exercise.spec().file(), t));
    }

    private static Optional<CaseDescriptor> testCase(TestDescriptor parent, String name) {
        if (!(parent instanceof TaskDescriptor task)) {
            return Optional.empty();
        }
        return task.task().cases().stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .map(c -> new CaseDescriptor(
                        task.getUniqueId().append(SproutConfig.CASE_SEGMENT, c.name()),
                        task.specFile(),
                        task.task(),
                        c));
    }

    private static UniqueId taskId(ExerciseDescriptor exercise, Task task) {
        return exercise.getUniqueId().append(SproutConfig.TASK_SEGMENT, String.valueOf(task.number()));
    }

    /** The children of an exactly matched node, in spec order, resolved like any selected id. */
    private static Set<DiscoverySelector> selectors(List<UniqueId> children) {
        return children.stream()
                .map(id -> (DiscoverySelector) DiscoverySelectors.selectUniqueId(id))
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** The spec in this file, or a discovery issue pointing at the file and line it breaks on. */
    private Optional<GraderSpec> spec(Path file) {
        Parsed result = parse(file);
        result.problem()
                .ifPresent(e -> issues.reportIssue(DiscoveryIssue.builder(DiscoveryIssue.Severity.ERROR, e.getMessage())
                        .source(ExerciseDescriptor.source(file, Math.max(e.line(), 1)))));
        return result.spec();
    }

    private Parsed parse(Path file) {
        return parsed.computeIfAbsent(file.toAbsolutePath().normalize(), key -> {
            try {
                return new Parsed(Optional.of(reader.read(file, defaultId(file))), Optional.empty());
            } catch (SpecException e) {
                return new Parsed(Optional.empty(), Optional.of(e));
            }
        });
    }

    /** The id an exercise folder implies: its slug without the leading number ({@code 06-calculator} → calculator). */
    static String defaultId(Path specFile) {
        String slug = specFile.toAbsolutePath().getParent().getFileName().toString();
        return slug.replaceFirst("^\\d+[-_]", "");
    }

    /** The id a spec declares; a broken spec is reported only if it is the one selected. */
    private Optional<String> idOf(Path file) {
        return parse(file).spec().map(GraderSpec::id);
    }

    static List<Path> specsUnder(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir, 4)) {
            return walk.filter(p -> p.getFileName().toString().equals(SPEC_FILE))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
