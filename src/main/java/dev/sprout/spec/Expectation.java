package dev.sprout.spec;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

import dev.sprout.value.PyValue;

/**
 * What a case must observe. Absent parts are not checked, except that a {@code run} case
 * expects exit code 0 unless it says otherwise. {@code rows} is a sql case's result: its
 * {@code sql} is the query's name.
 */
public record Expectation(
        Optional<PyValue> value,
        double tolerance,
        Optional<String> raises,
        Optional<Pattern> message,
        Optional<OutputMatcher> stdout,
        Optional<OutputMatcher> stderr,
        OptionalInt exitCode,
        Map<String, FileExpectation> files,
        OptionalInt status,
        Optional<JsonNode> json,
        Map<String, OutputMatcher> headers,
        Optional<OutputMatcher> body,
        Optional<Stub.Requests> requests,
        Optional<DatabaseCheck> db,
        Optional<DatabaseCheck.Query> rows) {

    public static final double DEFAULT_TOLERANCE = 1e-9;

    public Expectation {
        files = Map.copyOf(files);
        headers = Map.copyOf(headers);
    }

    /** A file left behind: absent, or present with matching content. */
    public record FileExpectation(boolean mustBeAbsent, Optional<OutputMatcher> content) {}
}
