package dev.sprout.grading;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.sprout.runner.Observation;
import dev.sprout.spec.OutputMatcher;
import dev.sprout.spec.Stub;

/**
 * Compares the requests the learner's code sent to a case's stub API with {@code expect:
 * requests:}. The expectations never left Java; the harness only logged what arrived.
 */
final class StubRequestChecker {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Failure(String message, Optional<String> expected, Optional<String> actual) {}

    private StubRequestChecker() {}

    static Optional<Failure> check(Stub stub, Stub.Requests expect, Observation.StubLog log) {
        String api = stub.name();
        List<Observation.StubRequest> sent = log.requests();
        int count = log.count();
        if (expect.count().isPresent() && expect.count().getAsInt() != count) {
            int wanted = expect.count().getAsInt();
            Optional<String> firstSent =
                    sent.isEmpty() ? Optional.empty() : Optional.of(sent.get(0).describe());
            String message = count == 0
                    ? Messages.stubNoRequest(api)
                    : Messages.stubWrongCount(api, wanted, count, sent.get(0).describe());
            return Optional.of(new Failure(message, Optional.of(Messages.stubRequestCount(wanted)), firstSent));
        }
        boolean wantsOne = expect.first().isPresent()
                || expect.last().isPresent()
                || expect.some().isPresent();
        if (wantsOne && sent.isEmpty()) {
            return Optional.of(new Failure(Messages.stubNoRequest(api), Optional.empty(), Optional.empty()));
        }
        String firstName = sent.size() == 1 ? "Your request" : "Your first request";
        Optional<Failure> first = expect.first().flatMap(m -> problem(m, sent.get(0), firstName, api));
        if (first.isPresent()) {
            return first;
        }
        String lastName = sent.size() == 1 ? "Your request" : "Your last request";
        Optional<Failure> last = expect.last().flatMap(m -> problem(m, sent.get(sent.size() - 1), lastName, api));
        if (last.isPresent()) {
            return last;
        }
        if (expect.each().isPresent()) {
            for (int i = 0; i < sent.size(); i++) {
                String name = sent.size() == 1 ? "Your request" : Messages.stubNthRequest(i + 1, sent.size());
                Optional<Failure> each = problem(expect.each().get(), sent.get(i), name, api);
                if (each.isPresent()) {
                    return each;
                }
            }
        }
        if (expect.some().isPresent()) {
            Optional<Failure> lastProblem = Optional.empty();
            for (Observation.StubRequest request : sent) {
                lastProblem = problem(expect.some().get(), request, "Your last request", api);
                if (lastProblem.isEmpty()) {
                    return Optional.empty();
                }
            }
            if (sent.size() == 1) {
                return problem(expect.some().get(), sent.get(0), "Your request", api);
            }
            Failure f = lastProblem.orElseThrow();
            return Optional.of(
                    new Failure(Messages.stubNoneMatched(sent.size(), api, f.message()), f.expected(), f.actual()));
        }
        return Optional.empty();
    }

    /** What is wrong with one request, as a sentence naming it; empty when it matches. */
    static Optional<Failure> problem(Stub.RequestMatcher want, Observation.StubRequest got, String which, String api) {
        Optional<String> problem = what(want, got);
        return problem.map(p -> new Failure(
                Messages.stubRequestProblem(which, api, got.describe(), p),
                Optional.empty(),
                Optional.of(got.describe())));
    }

    private static Optional<String> what(Stub.RequestMatcher want, Observation.StubRequest got) {
        if (want.method().isPresent() && !want.method().get().equalsIgnoreCase(got.method())) {
            return Optional.of(Messages.stubWrongMethod(want.method().get()));
        }
        if (want.path().isPresent() && !want.path().get().equals(got.path())) {
            return Optional.of(Messages.stubWrongPath(want.path().get()));
        }
        for (Map.Entry<String, Optional<String>> q : want.query().entrySet()) {
            List<String> values = got.params().getOrDefault(q.getKey(), List.of());
            if (q.getValue().isEmpty()) {
                if (!values.isEmpty()) {
                    return Optional.of(Messages.stubUnwantedParameter(q.getKey(), got.query()));
                }
            } else if (values.isEmpty() || !values.get(0).equals(q.getValue().get())) {
                return Optional.of(
                        Messages.stubWrongParameter(q.getKey(), q.getValue().get(), got.query()));
            }
        }
        for (Map.Entry<String, OutputMatcher> h : want.headers().entrySet()) {
            Optional<String> value = got.header(h.getKey());
            if (value.isEmpty()) {
                return Optional.of(Messages.stubMissingHeader(h.getKey()));
            }
            Optional<String> mismatch = h.getValue().mismatch(value.get());
            if (mismatch.isPresent()) {
                return Optional.of(
                        Messages.stubWrongHeader(h.getKey(), h.getValue().wholeText(), value.get(), mismatch.get()));
            }
        }
        if (want.json().isPresent()) {
            JsonNode body = null;
            try {
                body = got.body().isBlank() ? null : JSON.readTree(got.body());
            } catch (RuntimeException notJson) {
                body = null;
            }
            if (body == null || !want.json().get().equals(HttpChecker.NUMERIC, body)) {
                return Optional.of(Messages.stubWrongJson(want.json().get().toString(), got.body()));
            }
        }
        if (want.body().isPresent()) {
            Optional<String> mismatch = want.body().get().mismatch(got.body());
            if (mismatch.isPresent()) {
                return Optional.of(Messages.stubWrongBody(mismatch.get()));
            }
        }
        return Optional.empty();
    }
}
