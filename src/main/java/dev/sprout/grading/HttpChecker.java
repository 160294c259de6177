package dev.sprout.grading;

import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.sprout.runner.Observation;
import dev.sprout.spec.Expectation;
import dev.sprout.spec.OutputMatcher;

/** Compares the last HTTP response with an http case's expectations. */
final class HttpChecker {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Numbers compare by value, so 1 and 1.0 in JSON are the same, as they are to a client. */
    static final Comparator<JsonNode> NUMERIC = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    record Failure(String message, Optional<String> expected, Optional<String> actual) {}

    private HttpChecker() {}

    static Optional<Failure> check(Expectation expect, Observation o) {
        if (o.responses().isEmpty()) {
            return Optional.of(new Failure(Messages.noResponse(), Optional.empty(), Optional.empty()));
        }
        Observation.HttpResponse response = o.responses().get(o.responses().size() - 1);
        if (expect.status().isPresent() && expect.status().getAsInt() != response.status()) {
            return Optional.of(new Failure(
                    Messages.wrongStatus(expect.status().getAsInt(), response.status()),
                    Optional.of(String.valueOf(expect.status().getAsInt())),
                    Optional.of(String.valueOf(response.status()))));
        }
        if (expect.json().isPresent()) {
            JsonNode body;
            try {
                body = JSON.readTree(response.body());
            } catch (RuntimeException notJson) {
                return Optional.of(new Failure(
                        Messages.notJson(), Optional.of(expect.json().get().toString()), Optional.of(response.body())));
            }
            if (body == null || !expect.json().get().equals(NUMERIC, body)) {
                return Optional.of(new Failure(
                        Messages.wrongJson(),
                        Optional.of(expect.json().get().toString()),
                        Optional.of(String.valueOf(body))));
            }
        }
        for (Map.Entry<String, OutputMatcher> header : expect.headers().entrySet()) {
            Optional<String> value = response.header(header.getKey());
            Optional<String> mismatch = header.getValue().mismatch(value.orElse(""));
            if (value.isEmpty() || mismatch.isPresent()) {
                return Optional.of(new Failure(
                        Messages.wrongHeader(header.getKey(), value.isEmpty() ? Optional.empty() : mismatch),
                        Optional.of(header.getValue().describe()),
                        value));
            }
        }
        if (expect.body().isPresent()) {
            Optional<String> mismatch = expect.body().get().mismatch(response.body());
            if (mismatch.isPresent()) {
                return Optional.of(new Failure(
                        Messages.wrongBody(mismatch.get()),
                        Optional.of(expect.body().get().describe()),
                        Optional.of(response.body())));
            }
        }
        return Optional.empty();
    }
}
