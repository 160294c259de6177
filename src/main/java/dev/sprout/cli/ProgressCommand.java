package dev.sprout.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.sprout.catalog.Exercise;
import dev.sprout.catalog.Progress;
import dev.sprout.catalog.Roadmap;
import dev.sprout.report.Style;
import dev.sprout.spec.GraderSpec;

@Command(
        name = "progress",
        mixinStandardHelpOptions = true,
        description = "Show how far you have come, stage by stage through the roadmap.",
        footer = ExitCode.HELP_NO_CHECKS)
final class ProgressCommand implements Callable<Integer> {

    /** Made only for --json: Jackson's start-up is not paid by every command line that registers this one. */
    private static final class Json {
        static final JsonMapper MAPPER =
                JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    }

    private final Console console;

    @Mixin
    WorkspaceOptions options;

    @Option(names = "--json", description = "Print the numbers as JSON, for other programs.")
    boolean json;

    ProgressCommand(Console console) {
        this.console = console;
    }

    /** Exercises of one stage folder (e.g. 01-week1), in roadmap order. */
    private record Stage(String folder, String label, List<Exercise> exercises) {}

    @Override
    public Integer call() {
        Learner learner = Learner.open(options, console);
        Progress progress = learner.progress();
        List<Stage> stages = stages(learner);
        Optional<Exercise> current = progress.current(learner.pack());
        int commits = GitRepo.find(learner.workspace().root(), console.environment())
                .map(GitRepo::commitCount)
                .orElse(0);
        int total = learner.pack().exercises().size();
        int done = progress.doneCount(learner.pack());
        Optional<Roadmap> roadmap = Roadmap.load(learner.pack());
        if (json) {
            ObjectNode root = Json.MAPPER.createObjectNode();
            root.put("done", done);
            root.put("total", total);
            current.ifPresentOrElse(c -> root.put("current", c.id()), () -> root.putNull("current"));
            root.put("commits", commits);
            ArrayNode stageNodes = root.putArray("stages");
            for (Stage stage : stages) {
                ObjectNode node = stageNodes.addObject();
                node.put("stage", stage.folder());
                node.put("label", stage.label());
                node.put(
                        "done",
                        stage.exercises().stream()
                                .filter(e -> progress.isDone(e.id()))
                                .count());
                node.put("total", stage.exercises().size());
                ArrayNode exercises = node.putArray("exercises");
                for (Exercise exercise : stage.exercises()) {
                    ObjectNode e = exercises.addObject();
                    e.put("id", exercise.id());
                    e.put("title", exercise.spec().title());
                    e.put("place", exercise.spec().place().describe());
                    e.put("status", status(progress, current, exercise));
                    e.put("attempts", progress.attempts(exercise.id()));
                    e.put("hints", progress.hintsRevealed(exercise.id()));
                }
            }
            ArrayNode milestoneNodes = root.putArray("milestones");
            roadmap.ifPresent(r -> r.milestones().forEach(m -> {
                ObjectNode node = milestoneNodes.addObject().put("title", m.title());
                ArrayNode items = node.putArray("items");
                m.items().forEach(item -> {
                    ObjectNode i = items.addObject().put("text", item.text()).put("measurable", item.measurable());
                    if (item.measurable()) {
                        i.put("met", item.met(progress::isDone, commits));
                    }
                });
            }));
            console.out().println(Json.MAPPER.writeValueAsString(root));
            return ExitCode.OK;
        }
        Style style = console.style();
        var out = console.out();
        out.println(style.bold("Your progress") + "  " + Learner.bar(done, total, 20));
        out.println();
        int width = stages.stream().mapToInt(s -> s.label().length()).max().orElse(10);
        for (Stage stage : stages) {
            long stageDone = stage.exercises().stream()
                    .filter(e -> progress.isDone(e.id()))
                    .count();
            String mark = stageDone == stage.exercises().size() ? style.green("✓") : " ";
            out.println(mark + " " + String.format("%-" + width + "s", stage.label()) + "  "
                    + Learner.bar((int) stageDone, stage.exercises().size(), 10));
        }
        out.println();
        List<String> broken = learner.pack().exercises().stream()
                .map(Exercise::id)
                .filter(progress::isBroken)
                .toList();
        if (!broken.isEmpty()) {
            out.println(style.red("✗ ") + "Passed before, failing now: " + String.join(", ", broken)
                    + ". `sprout submit " + broken.get(0) + "` shows what broke.");
        }
        current.ifPresentOrElse(
                c -> out.println("You are on: " + c.spec().title() + " (" + c.id() + "). `sprout next` shows it."),
                () -> out.println(style.green("Every exercise is done. Well done!")));
        if (commits > 0) {
            out.println("Commits in your workspace: " + commits
                    + (commits >= 50 ? style.green("  ✓ 50+") : "  (the roadmap aims for 50+)"));
        }
        roadmap.ifPresent(r -> r.milestones().forEach(milestone -> {
            out.println();
            out.println(style.bold(milestone.title()));
            for (Roadmap.Item item : milestone.items()) {
                String box = !item.measurable()
                        ? style.dim("[ ]")
                        : item.met(progress::isDone, commits) ? style.green("[x]") : "[ ]";
                out.println("  " + box + " " + item.text()
                        + (item.measurable() ? "" : style.dim("  (not in sprout's exercises yet)")));
            }
        }));
        out.flush();
        return ExitCode.OK;
    }

    private static String status(Progress progress, Optional<Exercise> current, Exercise exercise) {
        return progress.isBroken(exercise.id())
                ? "broken"
                : progress.isDone(exercise.id())
                        ? "done"
                        : current.filter(exercise::equals).isPresent() ? "current" : "pending";
    }

    private static List<Stage> stages(Learner learner) {
        Map<String, List<Exercise>> byFolder = new LinkedHashMap<>();
        for (Exercise exercise : learner.pack().exercises()) {
            Path parent = exercise.relativeDir().getParent();
            byFolder.computeIfAbsent(parent == null ? "" : parent.toString(), k -> new ArrayList<>())
                    .add(exercise);
        }
        List<Stage> stages = new ArrayList<>();
        byFolder.forEach((folder, exercises) -> stages.add(new Stage(folder, label(folder, exercises), exercises)));
        return stages;
    }

    /** "Phase 1 · Month 1 · Weeks 2–3" from the stage's places, without the days. */
    private static String label(String folder, List<Exercise> exercises) {
        GraderSpec.Place place = exercises.get(0).spec().place();
        List<String> parts = new ArrayList<>();
        place.phase().ifPresent(p -> parts.add("Phase " + p));
        place.month().ifPresent(m -> parts.add("Month " + m));
        int first = exercises.stream()
                .mapToInt(e -> e.spec().place().week().orElse(0))
                .filter(w -> w > 0)
                .min()
                .orElse(0);
        int last = exercises.stream()
                .mapToInt(e -> e.spec().place().week().orElse(0))
                .max()
                .orElse(0);
        if (first > 0) {
            parts.add(first == last ? "Week " + first : "Weeks " + first + "–" + last);
        }
        return parts.isEmpty() ? (folder.isEmpty() ? "Exercises" : folder) : String.join(" · ", parts);
    }
}
