package dev.sprout.report;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.sprout.result.GradeResult;
import dev.sprout.result.Verdict;

/**
 * Exercism's test-runner results.json, version 3, plus {@code score} and {@code max_score}.
 * Hidden cases keep their name and status but not their inputs, output or message.
 */
public final class ExercismJson {

    static final int OUTPUT_LIMIT = 500;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ExercismJson() {}

    public static ObjectNode of(GradeResult result) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", 3);
        root.put("status", result.status().label());
        result.loadError()
                .ifPresent(e -> root.put("message", e.message() + (e.details().isBlank() ? "" : "\n" + e.details())));
        root.put("score", result.score());
        root.put("max_score", result.maxScore());
        ArrayNode tests = root.putArray("tests");
        for (Verdict verdict : result.verdicts()) {
            ObjectNode test = tests.addObject();
            test.put("name", verdict.name());
            test.put(
                    "status", verdict.passed() ? "pass" : verdict.status() == Verdict.Status.FAILED ? "fail" : "error");
            if (!verdict.passed()) {
                test.put(
                        "message",
                        verdict.hidden()
                                ? "A hidden check failed."
                                : verdict.message()
                                        + verdict.hint()
                                                .map(h -> "\nHint: " + h)
                                                .orElse(""));
            }
            if (!verdict.hidden()) {
                if (!verdict.output().isEmpty()) {
                    test.put("output", truncate(verdict.output()));
                }
                test.put("test_code", verdict.testCode());
            }
            test.put("task_id", verdict.task());
            test.put("score", verdict.points());
            test.put("max_score", verdict.maxPoints());
            test.put("sprout_status", verdict.status().label());
        }
        return root;
    }

    public static String write(GradeResult result) {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(of(result)) + "\n";
    }

    static String truncate(String output) {
        if (output.length() <= OUTPUT_LIMIT) {
            return output;
        }
        return output.substring(0, OUTPUT_LIMIT) + "\n[output truncated to " + OUTPUT_LIMIT + " characters]";
    }
}
