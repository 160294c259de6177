package dev.sprout.report;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.sprout.result.GradeResult;
import dev.sprout.result.SubmissionResult;

/**
 * The combined JSON of a grading run: a summary, then per submission its Exercism results.json v3
 * (with score and max_score) under {@code results}, and the sprout grading under
 * {@code grading} so {@code sprout grade merge} can rebuild every other report from shard files.
 * Written from what it is given: {@link Reports} gives the {@code json} format the learner's view
 * (hidden cases as name, status and points) and {@code mentor-json} everything.
 */
public final class BatchJson {

    /** Bump when {@code grading} changes shape; merge refuses files of another version. */
    public static final int VERSION = 1;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private BatchJson() {}

    public static String write(List<SubmissionResult> results) {
        return write(results, "");
    }

    /** @param pack which pack graded, with its sha256 ("" when unknown) */
    public static String write(List<SubmissionResult> results, String pack) {
        ObjectNode root = JSON.createObjectNode();
        root.put("sprout_batch_version", VERSION);
        root.put("pack", pack);
        BatchSummary summary = BatchSummary.of(results);
        ObjectNode totals = root.putObject("summary");
        totals.put("status", summary.status().label());
        totals.put("submissions", summary.total());
        totals.put("passed", summary.passed());
        totals.put("failed", summary.failed());
        totals.put("errored", summary.errored());
        totals.put("score", summary.score());
        totals.put("max_score", summary.maxScore());
        ArrayNode submissions = root.putArray("submissions");
        for (SubmissionResult r : results) {
            ObjectNode node = submissions.addObject();
            node.put("student", r.student());
            node.put("exercise", r.result().exercise());
            node.put("path", r.path());
            node.put("status", r.result().status().label());
            node.put("score", r.result().score());
            node.put("max_score", r.result().maxScore());
            node.set("results", ExercismJson.of(r.result()));
            node.set("grading", JSON.valueToTree(r.result()));
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    /** The {@code pack} a file {@link #write} made names ("" when it names none). */
    public static String pack(String text) {
        try {
            return JSON.readTree(text).path("pack").asString("");
        } catch (JacksonException e) {
            return "";
        }
    }

    /**
     * @param text   a file {@link #write} made
     * @param source the file's name, for messages
     * @throws IllegalArgumentException naming the file when it is not a sprout batch JSON
     */
    public static List<SubmissionResult> read(String text, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(source + " is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.path("sprout_batch_version").isNumber()) {
            throw new IllegalArgumentException(source + " is not a sprout grade JSON report "
                    + "(make it with `sprout grade --format json=FILE`).");
        }
        int version = root.path("sprout_batch_version").asInt();
        if (version != VERSION) {
            throw new IllegalArgumentException(source + " was written by another sprout version (format " + version
                    + ", this sprout reads " + VERSION + "): grade all shards with the same sprout.");
        }
        List<SubmissionResult> results = new ArrayList<>();
        for (JsonNode node : root.path("submissions")) {
            try {
                GradeResult result = JSON.treeToValue(node.path("grading"), GradeResult.class);
                results.add(new SubmissionResult(
                        node.path("student").asString(), node.path("path").asString(), result));
            } catch (JacksonException e) {
                throw new IllegalArgumentException(
                        source + ": submission " + node.path("student").asString() + " "
                                + node.path("path").asString() + " cannot be read: " + e.getOriginalMessage());
            }
        }
        return results;
    }
}
