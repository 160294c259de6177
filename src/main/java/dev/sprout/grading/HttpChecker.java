package dev.sprout.grading;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.sprout.runner.Observation;
import dev.sprout.spec.Action;
import dev.sprout.spec.HttpExpect;
import dev.sprout.spec.OutputMatcher;

/**
 * Compares an http case's responses with its steps' expectations, in order; the first step that
 * fails decides. In the {@code steps:} form every message names the step ("Step 3, POST /notes:
 * …"); the older {@code requests:} form checks only the last response, as it always did.
 */
final class HttpChecker {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Numbers compare by value, so 1 and 1.0 in JSON are the same, as they are to a client. */
    static final Comparator<JsonNode> NUMERIC = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    record Failure(String message, Optional<String> expected, Optional<String> actual) {
        Failure inStep(Action.HttpStep step) {
            return new Failure(Messages.httpStep(step.number(), step.request().describe(), message), expected, actual);
        }
    }

    private HttpChecker() {}

    static Optional<Failure> check(Action.Http http, Observation o) {
        List<Observation.HttpResponse> responses = o.responses();
        for (int i = 0; i < http.steps().size(); i++) {
            Action.HttpStep step = http.steps().get(i);
            if (step.expect().isEmpty() && !http.stepped()) {
                continue; // the older form's earlier requests only set state
            }
            Optional<Observation.HttpResponse> response =
                    i < responses.size() ? Optional.of(responses.get(i)) : Optional.empty();
            Optional<Failure> failure = response.isEmpty() || response.get().status() == 0
                    ? Optional.of(new Failure(
                            Messages.noResponse(response.flatMap(Observation.HttpResponse::error)),
                            Optional.empty(),
                            Optional.empty()))
                    : step.expect().flatMap(e -> check(e, response.get()));
            if (failure.isPresent()) {
                return http.stepped() ? failure.map(f -> f.inStep(step)) : failure;
            }
        }
        return Optional.empty();
    }

    private static Optional<Failure> check(HttpExpect expect, Observation.HttpResponse response) {
        if (!expect.status().isEmpty() && !expect.status().contains(response.status())) {
            String wanted = Messages.oneOf(expect.status());
            return Optional.of(new Failure(
                    Messages.wrongStatus(wanted, response.status()),
                    Optional.of(wanted),
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
        if (!expect.html().isEmpty()) {
            return HtmlChecker.check(expect.html(), response.body());
        }
        return Optional.empty();
    }
}
