package dev.sprout.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads {@code http:} case bodies. */
final class HttpSpecs {

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

    private HttpSpecs() {}

    static Action.Http http(SpecNode node) {
        node.allowOnly("app", "program", "requests");
        Optional<String> app = node.opt("app").map(SpecNode::nonBlankText);
        boolean program = node.opt("program").map(SpecNode::bool).orElse(false);
        if (app.isPresent() == program) {
            throw node.fail("say how to start the app: 'app: app' (a WSGI object such as Flask's) or 'program: true'");
        }
        List<SpecNode> requestNodes = node.require("requests").elements();
        if (requestNodes.isEmpty()) {
            throw node.get("requests").fail("needs at least one request");
        }
        return new Action.Http(
                app, program, requestNodes.stream().map(HttpSpecs::request).toList());
    }

    private static Action.HttpRequest request(SpecNode node) {
        node.allowOnly("method", "path", "headers", "json", "form");
        String method =
                node.opt("method").map(SpecNode::nonBlankText).orElse("GET").toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw node.get("method").fail("not an HTTP method: " + method);
        }
        String path = node.require("path").nonBlankText();
        if (!path.startsWith("/")) {
            throw node.get("path").fail("a path starts with '/'");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        node.opt("headers").ifPresent(h -> h.entries().forEach((k, v) -> headers.put(k, v.text())));
        Map<String, String> form = new LinkedHashMap<>();
        node.opt("form").ifPresent(f -> f.entries().forEach((k, v) -> form.put(k, v.text())));
        if (node.has("json") && node.has("form")) {
            throw node.fail("a request sends a JSON body or a form, not both");
        }
        return new Action.HttpRequest(method, path, headers, node.opt("json").map(SpecNode::json), form);
    }
}
