package dev.sprout.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads {@code stub:} blocks (the exercise's default or a case's own) and {@code expect: requests:}. */
final class StubSpecs {

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** Longer than any case's wall time: the harness caps a delay by the case's time anyway. */
    static final double MAX_DELAY_SECONDS = 60;

    static final String DEFAULT_ENV = "SPROUT_API_URL";
    static final String DEFAULT_NAME = "the API";

    private StubSpecs() {}

    static Stub stub(SpecNode node) {
        node.allowOnly("name", "env", "routes");
        String name = node.opt("name").map(SpecNode::nonBlankText).orElse(DEFAULT_NAME);
        String env = node.opt("env").map(SpecNode::nonBlankText).orElse(DEFAULT_ENV);
        if (!ENV_NAME.matcher(env).matches()) {
            throw node.get("env").fail("an environment variable name is letters, digits and _, e.g. WEATHER_API_URL");
        }
        List<SpecNode> routeNodes = node.require("routes").elements();
        if (routeNodes.isEmpty()) {
            throw node.get("routes").fail("needs at least one route, e.g. {path: /weather, json: {temp: 11}}");
        }
        return new Stub(name, env, routeNodes.stream().map(StubSpecs::route).toList());
    }

    private static Stub.Route route(SpecNode node) {
        node.requireObject();
        node.allowOnly("method", "path", "query", "status", "headers", "json", "text", "delay");
        String method = method(node);
        String path = path(node.require("path"));
        int status = node.opt("status").map(SpecNode::integer).orElse(200);
        if (status < 100 || status > 599) {
            throw node.get("status").fail("an HTTP status is between 100 and 599");
        }
        if (node.has("json") && node.has("text")) {
            throw node.fail("a route answers with 'json' or 'text', not both");
        }
        double delay = node.opt("delay").map(SpecNode::number).orElse(0.0);
        if (delay < 0 || delay > MAX_DELAY_SECONDS) {
            throw node.get("delay").fail("a delay is seconds between 0 and " + (int) MAX_DELAY_SECONDS);
        }
        return new Stub.Route(
                method,
                path,
                texts(node.opt("query")),
                status,
                texts(node.opt("headers")),
                node.opt("json").map(SpecNode::json),
                node.opt("text").map(SpecNode::text),
                delay);
    }

    static Stub.Requests requests(SpecNode node) {
        node.requireObject();
        node.allowOnly("count", "first", "last", "each", "some");
        if (node.entries().isEmpty()) {
            throw node.fail("say what to check: count, first, last, each or some");
        }
        OptionalInt count = SpecParser.optionalInt(node.opt("count"));
        if (count.isPresent() && count.getAsInt() < 0) {
            throw node.get("count").fail("a count cannot be negative");
        }
        return new Stub.Requests(
                count,
                node.opt("first").map(StubSpecs::matcher),
                node.opt("last").map(StubSpecs::matcher),
                node.opt("each").map(StubSpecs::matcher),
                node.opt("some").map(StubSpecs::matcher));
    }

    private static Stub.RequestMatcher matcher(SpecNode node) {
        node.requireObject();
        node.allowOnly("method", "path", "query", "headers", "json", "body");
        if (node.entries().isEmpty()) {
            throw node.fail("say what the request must look like: method, path, query, headers, json or body");
        }
        Map<String, Optional<String>> query = new LinkedHashMap<>();
        node.opt("query")
                .ifPresent(q -> q.entries().forEach((key, value) -> {
                    if (value.json().isObject()) {
                        value.allowOnly("absent");
                        if (!value.get("absent").bool()) {
                            throw value.get("absent").fail("write 'absent: true', or give the expected value");
                        }
                        query.put(key, Optional.empty());
                    } else {
                        query.put(key, Optional.of(value.text()));
                    }
                }));
        Map<String, OutputMatcher> headers = new LinkedHashMap<>();
        node.opt("headers")
                .ifPresent(h -> h.entries().forEach((key, value) -> headers.put(key, ExpectationReader.output(value))));
        return new Stub.RequestMatcher(
                node.has("method") ? Optional.of(method(node)) : Optional.empty(),
                node.opt("path").map(StubSpecs::path),
                query,
                headers,
                node.opt("json").map(SpecNode::json),
                node.opt("body").map(ExpectationReader::output));
    }

    private static String method(SpecNode node) {
        String method =
                node.opt("method").map(SpecNode::nonBlankText).orElse("GET").toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw node.get("method").fail("not an HTTP method: " + method);
        }
        return method;
    }

    private static String path(SpecNode node) {
        String path = node.nonBlankText();
        if (!path.startsWith("/")) {
            throw node.fail("a path starts with '/'");
        }
        if (path.contains("?") || path.contains("#")) {
            throw node.fail(
                    "write the path without '?': put parameters under 'query:', e.g. {path: /weather, query: {city: London}}");
        }
        return path;
    }

    private static Map<String, String> texts(Optional<SpecNode> node) {
        Map<String, String> texts = new LinkedHashMap<>();
        node.ifPresent(n -> n.entries().forEach((key, value) -> texts.put(key, value.text())));
        return texts;
    }
}
