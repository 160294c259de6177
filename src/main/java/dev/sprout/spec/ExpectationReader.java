package dev.sprout.spec;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Reads a case's {@code expect:} block, checking that each key fits the case kind. */
final class ExpectationReader {

    private ExpectationReader() {}

    static Expectation none(String kind) {
        return new Expectation(
                Optional.empty(),
                Expectation.DEFAULT_TOLERANCE,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                OptionalInt.empty(),
                Map.of(),
                OptionalInt.empty(),
                Optional.empty(),
                Map.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Expectation.NO_ABS_TOLERANCE);
    }

    static Expectation read(SpecNode node, String kind) {
        return read(node, kind, "");
    }

    /** @param query for sql cases, the query's name */
    static Expectation read(SpecNode node, String kind, String query) {
        switch (kind) {
            case "call", "expr" ->
                node.allowOnly(
                        "value", "tolerance", "abs_tol", "raises", "message", "stdout", "files", "requests", "db");
            case "run" ->
                node.allowOnly("raises", "message", "stdout", "stderr", "exit_code", "files", "requests", "db");
            case "http" -> node.allowOnly("status", "json", "headers", "body", "html", "db");
            case "sql" -> node.allowOnly("rows", "ordered", "columns", "db");
            case "scenario" -> node.allowOnly("db");
            default -> node.allowOnly();
        }
        if (node.entries().isEmpty()) {
            throw node.fail("say at least one thing the case must observe");
        }
        // `value: null` expects None; has() treats a null as absent, so look at the raw key
        boolean hasValue = node.json().has("value");
        if (hasValue && node.has("raises")) {
            throw node.fail("a call either returns a value or raises, not both");
        }
        if (node.has("message") && !node.has("raises")) {
            throw node.get("message").fail("'message' checks an exception: add 'raises'");
        }
        double tolerance = node.opt("tolerance").map(SpecNode::number).orElse(Expectation.DEFAULT_TOLERANCE);
        double absTolerance =
                node.opt("abs_tol").map(ExpectationReader::absTolerance).orElse(Expectation.NO_ABS_TOLERANCE);
        Map<String, Expectation.FileExpectation> files = new LinkedHashMap<>();
        node.opt("files").ifPresent(f -> f.entries().forEach((name, body) -> files.put(name, file(body))));
        Map<String, OutputMatcher> headers = new LinkedHashMap<>();
        node.opt("headers").ifPresent(h -> h.entries().forEach((name, body) -> headers.put(name, output(body))));
        return new Expectation(
                hasValue ? Optional.of(ValueReader.read(node.get("value"))) : Optional.empty(),
                tolerance,
                node.opt("raises").map(SpecNode::nonBlankText),
                node.opt("message").flatMap(SpecParser::regex),
                node.opt("stdout").map(ExpectationReader::output),
                node.opt("stderr").map(ExpectationReader::output),
                SpecParser.optionalInt(node.opt("exit_code")),
                files,
                SpecParser.optionalInt(node.opt("status")),
                node.opt("json").map(SpecNode::json),
                headers,
                node.opt("body").map(ExpectationReader::output),
                node.opt("requests").map(StubSpecs::requests),
                node.opt("db").map(DatabaseSpecs::db),
                DatabaseSpecs.resultRows(node, kind, query),
                absTolerance);
    }

    /** {@code abs_tol}: a number of 0 or more, e.g. {@code 1e-4}. */
    static double absTolerance(SpecNode node) {
        if (!node.json().isNumber()) {
            throw node.fail("abs_tol is a number, the largest difference allowed, e.g. abs_tol: 1e-4");
        }
        double value = node.number();
        if (value < 0 || Double.isNaN(value) || Double.isInfinite(value)) {
            throw node.fail("abs_tol cannot be negative: write the largest difference allowed, e.g. abs_tol: 1e-4");
        }
        return value;
    }

    private static Expectation.FileExpectation file(SpecNode body) {
        if (body.json().isObject() && body.has("absent")) {
            body.allowOnly("absent");
            if (!body.get("absent").bool()) {
                throw body.get("absent").fail("write 'absent: true', or give the expected content");
            }
            return new Expectation.FileExpectation(true, Optional.empty());
        }
        return new Expectation.FileExpectation(false, Optional.of(output(body)));
    }

    /** A string means the default TEXT mode; a map has one mode key plus {@code ignore_case}. */
    static OutputMatcher output(SpecNode node) {
        if (!node.json().isObject()) {
            return OutputMatcher.text(node.text());
        }
        String[] keys = Arrays.stream(OutputMatcher.Mode.values())
                .map(OutputMatcher.Mode::key)
                .toArray(String[]::new);
        String[] allowed = Arrays.copyOf(keys, keys.length + 1);
        allowed[keys.length] = "ignore_case";
        node.allowOnly(allowed);
        List<OutputMatcher.Mode> modes = Arrays.stream(OutputMatcher.Mode.values())
                .filter(m -> node.has(m.key()))
                .toList();
        if (modes.size() != 1) {
            throw node.fail("choose exactly one way to match: " + String.join(", ", keys));
        }
        OutputMatcher.Mode mode = modes.get(0);
        boolean ignoreCase = node.opt("ignore_case").map(SpecNode::bool).orElse(false);
        if (ignoreCase && mode == OutputMatcher.Mode.EXACT) {
            throw node.get("ignore_case").fail("'exact' compares byte for byte; use 'text' to ignore case");
        }
        SpecNode body = node.get(mode.key());
        List<String> expected = switch (mode) {
            case EXACT, TEXT -> List.of(body.text());
            case REGEX -> {
                SpecParser.regex(body);
                yield List.of(body.text());
            }
            case NUMBERS, NUMBERS_INCLUDE ->
                body.elements().stream()
                        .map(n -> {
                            if (!n.json().isNumber()) {
                                throw n.fail("expected a number");
                            }
                            return n.json().decimalValue().toPlainString();
                        })
                        .toList();
            default -> body.textList();
        };
        return new OutputMatcher(mode, expected, ignoreCase);
    }
}
