package dev.sprout.report;

import java.util.List;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.sprout.result.GradeResult;
import dev.sprout.result.SubmissionResult;
import dev.sprout.result.Verdict;

/**
 * Gradescope's autograder results.json (https://gradescope-autograders.readthedocs.io/en/latest/specs/):
 * {@code score}, {@code execution_time} and {@code tests[]} with name, score, max_score, status,
 * output and visibility. One Gradescope submission is one run, so every graded exercise of the run
 * goes into one file; a test's name starts with its exercise (and student, in a batch).
 * Hidden cases stay visible as pass or fail, with their details withheld, as sprout shows them.
 */
public final class GradescopeJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private GradescopeJson() {}

    public static String write(List<SubmissionResult> results, long executionMillis) {
        ObjectNode root = JSON.createObjectNode();
        BatchSummary summary = BatchSummary.of(results);
        root.put("score", summary.score());
        root.put("execution_time", Math.max(0, Math.round(executionMillis / 1000.0)));
        root.put("output", "sprout: " + summary.describe());
        root.put("visibility", "visible");
        root.put("stdout_visibility", "hidden");
        ArrayNode tests = root.putArray("tests");
        int number = 0;
        for (SubmissionResult r : results) {
            String prefix = r.label() + ": ";
            GradeResult result = r.result();
            if (result.loadError().isPresent()) {
                ObjectNode test = tests.addObject();
                test.put("name", prefix + "the file runs");
                test.put("number", String.valueOf(++number));
                test.put("score", 0);
                test.put("max_score", result.maxScore());
                test.put("status", "failed");
                GradeResult.LoadError error = result.loadError().get();
                test.put("output", error.message() + (error.details().isBlank() ? "" : "\n" + error.details()));
                test.put("visibility", "visible");
                continue;
            }
            for (Verdict verdict : result.verdicts()) {
                ObjectNode test = tests.addObject();
                test.put("name", prefix + verdict.name());
                test.put("number", String.valueOf(++number));
                test.put("score", verdict.points());
                test.put("max_score", verdict.maxPoints());
                test.put("status", verdict.passed() ? "passed" : "failed");
                test.put("output", output(verdict));
                test.put("visibility", "visible");
            }
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    private static String output(Verdict verdict) {
        if (verdict.passed()) {
            return "";
        }
        if (verdict.hidden()) {
            return "A hidden check failed."
                    + verdict.hint().map(h -> "\nHint: " + h).orElse("");
        }
        StringBuilder text = new StringBuilder(verdict.message());
        if (verdict.expected().isPresent() && verdict.actual().isPresent()) {
            text.append("\nexpected: ")
                    .append(verdict.expected().get())
                    .append("\ngot:      ")
                    .append(verdict.actual().get());
        }
        if (!verdict.output().isBlank()) {
            text.append("\nYour code printed:\n").append(ExercismJson.truncate(verdict.output()));
        }
        verdict.hint().ifPresent(h -> text.append("\nHint: ").append(h));
        return text.toString();
    }
}
