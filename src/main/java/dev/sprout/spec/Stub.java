package dev.sprout.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import tools.jackson.databind.JsonNode;

/**
 * A stub HTTP service served on loopback while a case runs, its base URL handed to the learner's
 * code in an environment variable (docs/grader-spec.md, "Stub HTTP services"). Its responses are
 * inputs: they go to the sandbox; what the code must send is checked in Java ({@link Requests}).
 *
 * @param name   how a learner-facing message names it, e.g. "the weather API"
 * @param env    the environment variable that carries the base URL, e.g. WEATHER_API_URL
 * @param routes tried in order; the first that matches answers, anything else gets a 404
 */
public record Stub(String name, String env, List<Route> routes) {

    public Stub {
        routes = List.copyOf(routes);
    }

    /**
     * One canned answer.
     *
     * @param query  parameters the request must carry with these values (others allowed)
     * @param delaySeconds how long the stub waits before answering (capped by the case's wall time)
     */
    public record Route(
            String method,
            String path,
            Map<String, String> query,
            int status,
            Map<String, String> headers,
            Optional<JsonNode> json,
            Optional<String> text,
            double delaySeconds) {
        public Route {
            query = Map.copyOf(query);
            headers = Map.copyOf(headers);
        }
    }

    /**
     * What a case expects of the requests its code sent to the stub.
     *
     * @param count how many requests, exactly
     * @param first what the first request looks like
     * @param last  what the last request looks like
     * @param each  what every request looks like (vacuous with no request; pair it with count)
     * @param some  at least one request looks like this
     */
    public record Requests(
            OptionalInt count,
            Optional<RequestMatcher> first,
            Optional<RequestMatcher> last,
            Optional<RequestMatcher> each,
            Optional<RequestMatcher> some) {}

    /**
     * One request's expected shape; absent parts are not checked.
     *
     * @param query   each parameter's expected value; an empty Optional means "must not be sent"
     * @param headers by name, compared case-insensitively
     */
    public record RequestMatcher(
            Optional<String> method,
            Optional<String> path,
            Map<String, Optional<String>> query,
            Map<String, OutputMatcher> headers,
            Optional<JsonNode> json,
            Optional<OutputMatcher> body) {
        public RequestMatcher {
            query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
            headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        }
    }
}
