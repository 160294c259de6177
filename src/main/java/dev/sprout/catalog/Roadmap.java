package dev.sprout.catalog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Predicate;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The roadmap's milestone checklists ({@code graders/roadmap.yaml} in a pack), ticked from what
 * sprout can measure: exercises done and commits in the workspace.
 */
public record Roadmap(List<Milestone> milestones) {

    public static final String FILE = "roadmap.yaml";

    public Roadmap {
        milestones = List.copyOf(milestones);
    }

    public record Milestone(String title, List<Item> items) {
        public Milestone {
            items = List.copyOf(items);
        }
    }

    /**
     * @param exercises exercise ids that count towards the item
     * @param atLeast   how many of them must be done
     * @param commits   commits the workspace needs, when the item counts them
     */
    public record Item(String text, List<String> exercises, int atLeast, OptionalInt commits) {
        public Item {
            exercises = List.copyOf(exercises);
        }

        /** Whether sprout can tell if the item is met. */
        public boolean measurable() {
            return !exercises.isEmpty() || commits.isPresent();
        }

        public boolean met(Predicate<String> done, int commitCount) {
            long doneCount = exercises.stream().filter(done).count();
            return measurable() && doneCount >= atLeast && commits.orElse(0) <= commitCount;
        }
    }

    /** The pack's roadmap; none when the pack has no roadmap.yaml. */
    public static Optional<Roadmap> load(Pack pack) {
        Path file = pack.graders().resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode root = YAMLMapper.builder().build().readTree(file.toFile());
            List<Milestone> milestones = new ArrayList<>();
            for (JsonNode milestone : root.path("milestones")) {
                List<Item> items = new ArrayList<>();
                for (JsonNode item : milestone.path("items")) {
                    List<String> exercises = new ArrayList<>();
                    item.path("exercises").forEach(e -> exercises.add(e.asString()));
                    for (String id : exercises) {
                        if (pack.find(id).isEmpty()) {
                            throw new CatalogException(file + ": milestone item \""
                                    + item.path("text").asString() + "\" names an exercise that is not in the pack: "
                                    + id);
                        }
                    }
                    items.add(new Item(
                            item.path("text").asString("?"),
                            exercises,
                            item.path("at_least").asInt(exercises.size()),
                            item.has("commits")
                                    ? OptionalInt.of(item.get("commits").asInt())
                                    : OptionalInt.empty()));
                }
                milestones.add(new Milestone(milestone.path("title").asString("Milestone"), items));
            }
            return Optional.of(new Roadmap(milestones));
        } catch (JacksonException e) {
            throw new CatalogException(file + ": not valid YAML ("
                    + e.getOriginalMessage().lines().findFirst().orElse("") + "). Fix the file or remove it.");
        }
    }
}
