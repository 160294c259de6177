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
 *
 * @param tolerance    relative tolerance for floats ({@code tolerance:})
 * @param absTolerance floats this close are equal whatever their size ({@code abs_tol:}); 0 when not given
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
        Optional<DatabaseCheck.Query> rows,
        double absTolerance) {

    public static final double DEFAULT_TOLERANCE = 1e-9;

    /** No absolute tolerance beyond {@link #DEFAULT_TOLERANCE}'s: {@code abs_tol} not given. */
    public static final double NO_ABS_TOLERANCE = 0;

    public Expectation {
        files = Map.copyOf(files);
        headers = Map.copyOf(headers);
    }

    /** The same expectation, expecting this returned value (a generated case's reference answer). */
    public Expectation expectingValue(PyValue wanted) {
        return new Expectation(
                Optional.of(wanted),
                tolerance,
                Optional.empty(),
                Optional.empty(),
                stdout,
                stderr,
                exitCode,
                files,
                status,
                json,
                headers,
                body,
                requests,
                db,
                rows,
                absTolerance);
    }

    /** The same expectation, expecting an exception of this type (a generated case's reference raised it). */
    public Expectation expectingRaise(String type) {
        return new Expectation(
                Optional.empty(),
                tolerance,
                Optional.of(type),
                Optional.empty(),
                stdout,
                stderr,
                exitCode,
                files,
                status,
                json,
                headers,
                body,
                requests,
                db,
                rows,
                absTolerance);
    }

    /** A file left behind: absent, or present with matching content. */
    public record FileExpectation(boolean mustBeAbsent, Optional<OutputMatcher> content) {}
}
