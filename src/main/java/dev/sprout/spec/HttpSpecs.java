package dev.sprout.spec;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import org.jsoup.select.QueryParser;
import org.jsoup.select.Selector;
import tools.jackson.databind.JsonNode;

/**
 * Reads {@code http:} case bodies: how the app starts ({@code app}, {@code factory} or
 * {@code program}) and its requests, either the older {@code requests:} list (the case's
 * {@code expect} checks the last response) or {@code steps:}, each with its own {@code expect}.
 */
final class HttpSpecs {

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

    /** Enough for a long user story; a longer one is better split into cases. */
    static final int MAX_STEPS = 50;

    private HttpSpecs() {}

    /** @param caseNode the whole case: the older form's expectation is the case's {@code expect} */
    static Action.Http http(SpecNode caseNode) {
        SpecNode node = caseNode.get("http");
        node.allowOnly("app", "factory", "factory_args", "factory_kwargs", "program", "requests", "steps");
        Optional<String> app = node.opt("app").map(SpecNode::nonBlankText);
        Optional<String> factoryName = node.opt("factory").map(SpecNode::nonBlankText);
        boolean program = node.opt("program").map(SpecNode::bool).orElse(false);
        int ways = (app.isPresent() ? 1 : 0) + (factoryName.isPresent() ? 1 : 0) + (program ? 1 : 0);
        if (ways != 1) {
            throw node.fail("say how to start the app with one of: 'app: app' (a WSGI object such as Flask's), "
                    + "'factory: create_app' (a function that returns one) or 'program: true'");
        }
        for (String key : List.of("factory_args", "factory_kwargs")) {
            if (node.has(key) && factoryName.isEmpty()) {
                throw node.get(key).fail("'" + key + "' are handed to the app factory: add 'factory: create_app'");
            }
        }
        Optional<Action.HttpFactory> factory = factoryName.map(name -> factory(name, node));
        if (node.has("requests") == node.has("steps")) {
            throw node.fail("list the requests once: 'steps:' (each with its own 'expect') or 'requests:' "
                    + "(the case's 'expect' checks the last answer)");
        }
        boolean stepped = node.has("steps");
        SpecNode list = node.get(stepped ? "steps" : "requests");
        List<SpecNode> items = list.elements();
        if (items.isEmpty()) {
            throw list.fail("needs at least one request, e.g. '- {method: GET, path: /}'");
        }
        if (items.size() > MAX_STEPS) {
            throw list.fail("an http case sends at most " + MAX_STEPS + " requests; split it into several cases");
        }
        List<Action.HttpStep> steps = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            SpecNode item = items.get(i);
            if (stepped) {
                item.allowOnly(
                        "method", "path", "query", "headers", "json", "form", "body", "follow_redirects", "expect");
            } else {
                item.allowOnly("method", "path", "query", "headers", "json", "form", "body", "follow_redirects");
            }
            Optional<HttpExpect> expect = stepped ? item.opt("expect").map(HttpSpecs::expect) : Optional.empty();
            if (!stepped && i == items.size() - 1) {
                if (caseNode.opt("expect").filter(e -> e.has("db")).isPresent()) {
                    throw caseNode.get("expect")
                            .get("db")
                            .fail("'db:' looks at what the server stored after a scenario: write the requests as "
                                    + "'steps:' (each with its own 'expect') and keep 'db:' in the case's 'expect'");
                }
                expect = caseNode.opt("expect").map(HttpSpecs::expect);
            }
            steps.add(new Action.HttpStep(i + 1, request(item), item.line(), expect));
        }
        if (stepped) {
            // the case's own expect holds only db: what the server stored, looked at after the last step
            caseNode.opt("expect")
                    .ifPresent(e -> SpecParser.onlyDatabase(
                            e, "with 'steps:', each step says what it expects: put 'expect:' under the step"));
            if (steps.stream().allMatch(s -> s.expect().isEmpty())) {
                throw list.fail("say on at least one step what its answer must show ('expect: {status: 200}')");
            }
        }
        return new Action.Http(app, program, factory, steps, stepped);
    }

    private static Action.HttpFactory factory(String name, SpecNode node) {
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw node.get("factory").fail("'" + name + "' is not a Python function name");
        }
        List<JsonNode> args = node.opt("factory_args")
                .map(a -> a.elements().stream().map(SpecNode::json).toList())
                .orElse(List.of());
        Map<String, JsonNode> kwargs = new LinkedHashMap<>();
        node.opt("factory_kwargs").ifPresent(k -> k.entries().forEach((key, value) -> kwargs.put(key, value.json())));
        return new Action.HttpFactory(name, args, kwargs);
    }

    private static Action.HttpRequest request(SpecNode node) {
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
        long bodies = List.of("json", "form", "body").stream().filter(node::has).count();
        if (bodies > 1) {
            throw node.fail("a request sends one body: 'json', 'form' or 'body' (raw text)");
        }
        List<Map.Entry<String, String>> query = new ArrayList<>();
        node.opt("query")
                .ifPresent(q -> q.entries().forEach((k, v) -> {
                    if (v.json().isArray()) {
                        v.elements().forEach(one -> query.add(new AbstractMap.SimpleImmutableEntry<>(k, one.text())));
                    } else {
                        query.add(new AbstractMap.SimpleImmutableEntry<>(k, v.text()));
                    }
                }));
        boolean follow = node.opt("follow_redirects").map(SpecNode::bool).orElse(false);
        return new Action.HttpRequest(
                method,
                path,
                headers,
                node.opt("json").map(SpecNode::json),
                form,
                node.opt("body").map(SpecNode::text),
                query,
                follow);
    }

    /** A response's expectation: the case's {@code expect} (older form) or a step's. */
    static HttpExpect expect(SpecNode node) {
        node.allowOnly("status", "json", "headers", "body", "html");
        if (node.entries().isEmpty()) {
            throw node.fail("say at least one thing the answer must show, e.g. 'status: 200'");
        }
        Map<String, OutputMatcher> headers = new LinkedHashMap<>();
        node.opt("headers")
                .ifPresent(h -> h.entries().forEach((name, body) -> headers.put(name, ExpectationReader.output(body))));
        List<HttpExpect.HtmlCheck> html = node.opt("html")
                .map(h -> {
                    List<SpecNode> checks = h.elements();
                    if (checks.isEmpty()) {
                        throw h.fail("list checks such as '- {select: h1, text: Notes}'");
                    }
                    return checks.stream().map(HttpSpecs::html).toList();
                })
                .orElse(List.of());
        return new HttpExpect(
                node.opt("status").map(HttpSpecs::statuses).orElse(List.of()),
                node.opt("json").map(SpecNode::json),
                headers,
                node.opt("body").map(ExpectationReader::output),
                html);
    }

    /** {@code status: 201}, or {@code status: [302, 303]} where either answer is right. */
    private static List<Integer> statuses(SpecNode node) {
        List<SpecNode> items = node.json().isArray() ? node.elements() : List.of(node);
        if (items.isEmpty()) {
            throw node.fail("give a status such as 200, or the ones that are all right, e.g. [302, 303]");
        }
        List<Integer> statuses = new ArrayList<>();
        for (SpecNode item : items) {
            int status = item.integer();
            if (status < 100 || status > 599) {
                throw item.fail("an HTTP status is a number from 100 to 599, e.g. 200");
            }
            statuses.add(status);
        }
        return statuses;
    }

    private static HttpExpect.HtmlCheck html(SpecNode node) {
        node.allowOnly("select", "count", "text", "texts", "attr");
        String select = node.require("select").nonBlankText();
        try {
            QueryParser.parse(select);
        } catch (Selector.SelectorParseException e) {
            throw node.get("select").fail("not a CSS selector jsoup understands: " + e.getMessage());
        }
        OptionalInt count = SpecParser.optionalInt(node.opt("count"));
        if (count.isPresent() && count.getAsInt() < 0) {
            throw node.get("count").fail("a count cannot be negative");
        }
        if (count.isPresent() && count.getAsInt() == 0 && (node.has("text") || node.has("texts") || node.has("attr"))) {
            throw node.fail("'count: 0' means no element matches, so there is no text or attribute to check");
        }
        if (node.has("text") && node.has("texts")) {
            throw node.fail("'text' checks the first element, 'texts' all of them: choose one");
        }
        Map<String, OutputMatcher> attr = new LinkedHashMap<>();
        node.opt("attr").ifPresent(a -> {
            if (a.entries().isEmpty()) {
                throw a.fail("name an attribute, e.g. 'attr: {href: /page/2}'");
            }
            a.entries().forEach((name, value) -> attr.put(name, ExpectationReader.output(value)));
        });
        return new HttpExpect.HtmlCheck(
                select,
                count,
                node.opt("text").map(ExpectationReader::output),
                node.opt("texts").map(SpecNode::textList),
                attr);
    }
}
