package dev.sprout.value;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Learner text made safe where it enters Java. Python strings may hold lone surrogates
 * ({@code "\ud800"}), which JSON carries as escapes and Java decodes into strings no UTF-8
 * writer accepts: one such string once stopped every report of a batch. They become U+FFFD.
 */
public final class Utf16 {

    private Utf16() {}

    /** {@code text} with every unpaired surrogate replaced by U+FFFD; the same string when there is none. */
    public static String wellFormed(String text) {
        StringBuilder fixed = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (paired) {
                if (fixed != null) {
                    fixed.append(c).append(text.charAt(i + 1));
                }
                i++;
            } else if (Character.isSurrogate(c)) {
                if (fixed == null) {
                    fixed = new StringBuilder(text.length()).append(text, 0, i);
                }
                fixed.append('\uFFFD');
            } else if (fixed != null) {
                fixed.append(c);
            }
        }
        return fixed == null ? text : fixed.toString();
    }

    /** {@code node} with every string and field name well formed; changed in place where needed, and returned. */
    public static JsonNode wellFormed(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> e : List.copyOf(object.properties())) {
                String name = wellFormed(e.getKey());
                JsonNode value = wellFormed(e.getValue());
                if (!name.equals(e.getKey())) {
                    object.remove(e.getKey());
                }
                if (!name.equals(e.getKey()) || value != e.getValue()) {
                    object.set(name, value);
                }
            }
            return object;
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode item = wellFormed(array.get(i));
                if (item != array.get(i)) {
                    array.set(i, item);
                }
            }
            return array;
        }
        if (node != null && node.isString()) {
            String text = node.asString();
            String fixed = wellFormed(text);
            return fixed.equals(text) ? node : StringNode.valueOf(fixed);
        }
        return node;
    }
}
