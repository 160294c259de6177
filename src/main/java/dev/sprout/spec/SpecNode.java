package dev.sprout.spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/** A node of a spec being read, knowing its path and line so every complaint can point at it. */
final class SpecNode {

    private final Path file;
    private final YamlTree tree;
    private final JsonNode node;
    private final String pointer;

    SpecNode(Path file, YamlTree tree, JsonNode node, String pointer) {
        this.file = file;
        this.tree = tree;
        this.node = node;
        this.pointer = pointer;
    }

    static SpecNode root(Path file, YamlTree tree) {
        return new SpecNode(file, tree, tree.root(), "");
    }

    JsonNode json() {
        return node;
    }

    int line() {
        return tree.lineOf(pointer);
    }

    /** "tasks[0].cases[2].expect" */
    String path() {
        StringBuilder out = new StringBuilder();
        for (String part : pointer.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            String name = part.replace("~1", "/").replace("~0", "~");
            if (name.chars().allMatch(Character::isDigit)) {
                out.append('[').append(name).append(']');
            } else {
                out.append(out.length() == 0 ? "" : ".").append(name);
            }
        }
        return out.toString();
    }

    SpecException fail(String problem) {
        return new SpecException(file, line(), path(), problem);
    }

    boolean has(String key) {
        return node.isObject() && node.has(key) && !node.get(key).isNull();
    }

    SpecNode get(String key) {
        return new SpecNode(
                file,
                tree,
                node.get(key),
                pointer + "/" + key.replace("~", "~0").replace("/", "~1"));
    }

    Optional<SpecNode> opt(String key) {
        return has(key) ? Optional.of(get(key)) : Optional.empty();
    }

    SpecNode require(String key) {
        if (!has(key)) {
            throw fail("'" + key + "' is missing");
        }
        return get(key);
    }

    SpecNode requireObject() {
        if (!node.isObject()) {
            throw fail("expected a map of key: value lines, found " + describe());
        }
        return this;
    }

    /** Rejects keys the format does not know, suggesting the closest known one. */
    SpecNode allowOnly(String... keys) {
        requireObject();
        Set<String> known = Set.of(keys);
        for (String name : node.propertyNames()) {
            if (!known.contains(name)) {
                String suggestion = closest(name, Arrays.asList(keys))
                        .map(k -> " (did you mean '" + k + "'?)")
                        .orElse("");
                throw get(name)
                        .fail("unknown key '" + name + "'" + suggestion + "; known keys: " + String.join(", ", keys));
            }
        }
        return this;
    }

    List<SpecNode> elements() {
        if (!node.isArray()) {
            throw fail("expected a list (lines starting with '- '), found " + describe());
        }
        List<SpecNode> items = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            items.add(new SpecNode(file, tree, node.get(i), pointer + "/" + i));
        }
        return items;
    }

    Map<String, SpecNode> entries() {
        requireObject();
        Map<String, SpecNode> entries = new LinkedHashMap<>();
        for (String name : node.propertyNames()) {
            entries.put(name, get(name));
        }
        return entries;
    }

    String text() {
        if (!node.isString()) {
            if (node.isNumber() || node.isBoolean()) {
                return node.asString();
            }
            throw fail("expected text, found " + describe());
        }
        return node.asString();
    }

    String nonBlankText() {
        String text = text();
        if (text.isBlank()) {
            throw fail("must not be empty");
        }
        return text;
    }

    int integer() {
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw fail("expected a whole number, found " + describe());
        }
        return node.asInt();
    }

    double number() {
        if (!node.isNumber()) {
            throw fail("expected a number, found " + describe());
        }
        return node.asDouble();
    }

    boolean bool() {
        if (!node.isBoolean()) {
            throw fail("expected true or false, found " + describe());
        }
        return node.asBoolean();
    }

    List<String> textList() {
        if (node.isString()) {
            return List.of(node.asString());
        }
        return elements().stream().map(SpecNode::text).toList();
    }

    String describe() {
        if (node == null || node.isNull()) {
            return "nothing";
        }
        if (node.isObject()) {
            return "a map";
        }
        if (node.isArray()) {
            return "a list";
        }
        return "'" + node.asString() + "'";
    }

    private static Optional<String> closest(String name, List<String> candidates) {
        String best = null;
        int bestDistance = 3;
        for (String candidate : candidates) {
            int distance = editDistance(name, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
