package dev.sprout.grading;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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

import dev.sprout.spec.Case;
import dev.sprout.spec.GraderSpec;
import dev.sprout.spec.SpecException;
import dev.sprout.spec.SpecParser;
import dev.sprout.spec.Task;

/**
 * Resolves grader.yaml files (file and directory selectors) and exercise ids (unique-id
 * selectors, looked up under {@link SproutConfig#GRADERS}). A spec that fails to parse becomes
 * a discovery issue pointing at its file and line, never an exception.
 */
final class SpecResolver implements SelectorResolver {

    static final String SPEC_FILE = "grader.yaml";

    private final SproutConfig config;
    private final DiscoveryIssueReporter issues;

    SpecResolver(SproutConfig config, DiscoveryIssueReporter issues) {
        this.config = config;
        this.issues = issues;
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
        Set<DiscoverySelector> selectors = specs.stream().map(p -> (DiscoverySelector) DiscoverySelectors.selectFile(p.toFile()))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        return Resolution.selectors(selectors);
    }

    @Override
    public Resolution resolve(UniqueIdSelector selector, Context context) {
        UniqueId id = selector.getUniqueId();
        List<UniqueId.Segment> segments = id.getSegments();
        if (segments.size() < 2 || !segments.get(1).getType().equals(SproutConfig.EXERCISE_SEGMENT)
                || config.graders().isEmpty()) {
            return Resolution.unresolved();
        }
        String exerciseId = segments.get(1).getValue();
        for (Path file : specsUnder(config.graders().get())) {
            if (defaultId(file).equals(exerciseId) || idOf(file).filter(exerciseId::equals).isPresent()) {
                Resolution resolution = exercise(file, context);
                if (segments.size() == 2 || !resolution.isResolved()) {
                    return resolution;
                }
                return narrowed(resolution, id);
            }
        }
        return Resolution.unresolved();
    }

    private Resolution narrowed(Resolution resolution, UniqueId wanted) {
        TestDescriptor exercise = resolution.getMatches().iterator().next().getTestDescriptor();
        Optional<? extends TestDescriptor> found = exercise.findByUniqueId(wanted);
        if (found.isEmpty()) {
            return Resolution.unresolved();
        }
        // keep only the selected branch
        Set<UniqueId> keep = new java.util.HashSet<>();
        TestDescriptor node = found.get();
        while (node != null) {
            keep.add(node.getUniqueId());
            node = node.getParent().orElse(null);
        }
        found.get().accept(d -> keep.add(d.getUniqueId()));
        pruneExcept(exercise, keep);
        return resolution;
    }

    private static void pruneExcept(TestDescriptor descriptor, Set<UniqueId> keep) {
        for (TestDescriptor child : Set.copyOf(descriptor.getChildren())) {
            if (!keep.contains(child.getUniqueId())) {
                descriptor.removeChild(child);
            } else {
                pruneExcept(child, keep);
            }
        }
    }

    private Resolution exercise(Path file, Context context) {
        GraderSpec spec;
        try {
            spec = SpecParser.parse(file, defaultId(file));
        } catch (SpecException e) {
            issues.reportIssue(DiscoveryIssue.builder(DiscoveryIssue.Severity.ERROR, e.getMessage())
                    .source(ExerciseDescriptor.source(file, Math.max(e.line(), 1))));
            return Resolution.unresolved();
        }
        Optional<ExerciseDescriptor> descriptor = context.addToParent(parent -> Optional.of(build(parent, spec)));
        return descriptor.map(d -> Resolution.match(Match.exact(d))).orElse(Resolution.unresolved());
    }

    private static ExerciseDescriptor build(TestDescriptor parent, GraderSpec spec) {
        UniqueId exerciseId = parent.getUniqueId().append(SproutConfig.EXERCISE_SEGMENT, spec.id());
        ExerciseDescriptor exercise = new ExerciseDescriptor(exerciseId, spec);
        for (Task task : spec.tasks()) {
            UniqueId taskId = exerciseId.append(SproutConfig.TASK_SEGMENT, String.valueOf(task.number()));
            TaskDescriptor taskDescriptor = new TaskDescriptor(taskId, task);
            exercise.addChild(taskDescriptor);
            for (Case testCase : task.cases()) {
                taskDescriptor.addChild(new CaseDescriptor(taskId.append(SproutConfig.CASE_SEGMENT, testCase.name()),
                        spec.file(), task, testCase));
            }
        }
        return exercise;
    }

    /** The id an exercise folder implies: its slug without the leading number ({@code 06-calculator} → calculator). */
    static String defaultId(Path specFile) {
        String slug = specFile.toAbsolutePath().getParent().getFileName().toString();
        return slug.replaceFirst("^\\d+[-_]", "");
    }

    private static Optional<String> idOf(Path file) {
        try {
            return Optional.of(SpecParser.parse(file, defaultId(file)).id());
        } catch (SpecException e) {
            return Optional.empty();
        }
    }

    static List<Path> specsUnder(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir, 4)) {
            return walk.filter(p -> p.getFileName().toString().equals(SPEC_FILE)).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

}
