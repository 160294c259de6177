package dev.sprout.spec;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import tools.jackson.databind.JsonNode;

/**
 * What one HTTP response must show; absent parts are not checked. Stays in Java: the harness
 * only reports the responses.
 *
 * @param status  the status must be one of these (usually one; {@code [302, 303]} lets either redirect
 *                do); empty: not checked
 * @param json    deep-equal to the body parsed as JSON (dict key order ignored, 1 equals 1.0)
 * @param headers by name, case-insensitive
 * @param html    checks on the body parsed as HTML, by CSS selector
 */
public record HttpExpect(
        List<Integer> status,
        Optional<JsonNode> json,
        Map<String, OutputMatcher> headers,
        Optional<OutputMatcher> body,
        List<HtmlCheck> html) {

    public HttpExpect {
        status = List.copyOf(status);
        headers = Map.copyOf(headers);
        html = List.copyOf(html);
    }

    /**
     * One CSS selector and what the elements it selects must show. With only {@code select},
     * at least one element must match.
     *
     * @param select a jsoup CSS selector, e.g. {@code li.note}, {@code a#next}, {@code form input[name=title]}
     * @param count  exactly this many elements match (0: none may)
     * @param text   the first matching element's text (entities decoded, whitespace collapsed)
     * @param texts  the texts of all matching elements, in order, each compared ignoring surrounding whitespace
     * @param attr   attributes of the first matching element
     */
    public record HtmlCheck(
            String select,
            OptionalInt count,
            Optional<OutputMatcher> text,
            Optional<List<String>> texts,
            Map<String, OutputMatcher> attr) {
        public HtmlCheck {
            texts = texts.map(List::copyOf);
            attr = Map.copyOf(attr);
        }
    }
}
