package dev.sprout.spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One exercise's grader, parsed from {@code grader.yaml} and validated.
 *
 * @param file     the spec file, for messages
 * @param id       unique exercise id (the folder slug without its number unless set)
 * @param title    what the learner sees
 * @param entry    the learner's file, relative to the exercise folder; a package folder ends with {@code /}
 * @param place    where the exercise sits in the roadmap
 * @param requires Python modules the exercise needs (e.g. flask)
 * @param limits   per-case limit overrides for the whole exercise
 * @param hints    progressive hints, revealed one at a time
 * @param tasks    cases grouped as the learner works through them
 */
public record GraderSpec(
        Path file,
        String id,
        String title,
        String entry,
        Place place,
        List<String> requires,
        LimitOverrides limits,
        List<String> hints,
        List<Task> tasks) {

    public GraderSpec {
        requires = List.copyOf(requires);
        hints = List.copyOf(hints);
        tasks = List.copyOf(tasks);
    }

    /** Whether the learner's code is a package folder ({@code entry: inventory/}) rather than one file. */
    public boolean isPackage() {
        return entry.endsWith("/");
    }

    /** The entry without a package's trailing slash: the file or folder name relative to the exercise folder. */
    public String entryPath() {
        return isPackage() ? entry.substring(0, entry.length() - 1) : entry;
    }

    /** Whether some case runs against a PostgreSQL database: the submission then gets a server. */
    public boolean usesPostgres() {
        return cases().anyMatch(c -> c.postgres().isPresent());
    }

    public Stream<Case> cases() {
        return tasks.stream().flatMap(task -> task.cases().stream());
    }

    public Optional<Case> caseNamed(String name) {
        return cases().filter(c -> c.name().equals(name)).findFirst();
    }

    public int maxScore() {
        return cases().mapToInt(Case::points).sum();
    }

    /** Roadmap place: any part may be absent. */
    public record Place(
            Optional<Integer> phase, Optional<Integer> month, Optional<Integer> week, Optional<String> day) {

        public static final Place NOWHERE =
                new Place(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

        /** "Month 1 · Week 1 · Saturday" */
        public String describe() {
            List<String> parts = new ArrayList<>();
            month.ifPresent(m -> parts.add("Month " + m));
            week.ifPresent(w -> parts.add("Week " + w));
            day.ifPresent(parts::add);
            if (parts.isEmpty()) {
                phase.ifPresent(p -> parts.add("Phase " + p));
            }
            return String.join(" · ", parts);
        }
    }

    /** Limits an exercise or case sets; absent parts keep the defaults ({@code grading/SproutConfig} applies them). */
    public record LimitOverrides(
            Optional<Double> cpuSeconds,
            Optional<Double> wallSeconds,
            Optional<Long> memoryBytes,
            Optional<Long> outputBytes) {

        public static final LimitOverrides NONE =
                new LimitOverrides(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
