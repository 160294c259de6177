package dev.sprout.result;

import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@link Verdict} as the JSON of its report entry, and back, through the tree model: Jackson's
 * record binding would load ~250 classes (introspection, bean serializers and deserializers)
 * that every one-shot submit pays for in memory (issue #17). The shape is the one that binding
 * writes: each component by name, the status by its constant's name, an empty Optional as null.
 */
public final class VerdictJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private VerdictJson() {}

    public static String write(Verdict v) {
        ObjectNode node = JSON.createObjectNode()
                .put("exercise", v.exercise())
                .put("task", v.task())
                .put("taskName", v.taskName())
                .put("name", v.name())
                .put("status", v.status() == null ? null : v.status().name())
                .put("points", v.points())
                .put("maxPoints", v.maxPoints())
                .put("hidden", v.hidden())
                .put("message", v.message())
                .put("expected", v.expected().orElse(null))
                .put("actual", v.actual().orElse(null))
                .put("output", v.output())
                .put("line", v.line().orElse(null))
                .put("file", v.file())
                .put("hint", v.hint().orElse(null))
                .put("testCode", v.testCode())
                .put("millis", v.millis())
                .put("couldNotRun", v.couldNotRun());
        return JSON.writeValueAsString(node);
    }

    /** @throws IllegalArgumentException when {@code json} is not a verdict {@link #write} wrote */
    public static Verdict read(String json) {
        JsonNode node = JSON.readTree(json);
        if (!node.isObject()) {
            throw new IllegalArgumentException("not a verdict: " + json);
        }
        String status = text(node, "status");
        return new Verdict(
                text(node, "exercise"),
                node.path("task").asInt(0),
                text(node, "taskName"),
                text(node, "name"),
                status == null ? null : Verdict.Status.valueOf(status),
                node.path("points").asInt(0),
                node.path("maxPoints").asInt(0),
                node.path("hidden").asBoolean(false),
                text(node, "message"),
                Optional.ofNullable(text(node, "expected")),
                Optional.ofNullable(text(node, "actual")),
                text(node, "output"),
                node.path("line").isNumber() ? Optional.of(node.path("line").asInt()) : Optional.empty(),
                text(node, "file"),
                Optional.ofNullable(text(node, "hint")),
                text(node, "testCode"),
                node.path("millis").asLong(0),
                node.path("couldNotRun").asBoolean(false));
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value.asString();
    }
}
