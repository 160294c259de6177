package dev.sprout.spec;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A YAML document as a tree plus the line of every node, so validation errors can point at
 * the line a mentor has to fix. Jackson's tree forgets locations; a second streaming pass
 * records them by JSON pointer.
 */
final class YamlTree {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private final JsonNode root;
    private final Map<String, Integer> lines;

    private YamlTree(JsonNode root, Map<String, Integer> lines) {
        this.root = root;
        this.lines = lines;
    }

    static YamlTree parse(Path file, String text) {
        try {
            JsonNode root = YAML.readTree(text);
            return new YamlTree(root, lineIndex(text));
        } catch (JacksonException e) {
            TokenStreamLocation where = e.getLocation();
            String message = e.getOriginalMessage().lines().findFirst().orElse("not valid YAML");
            throw new SpecException(file, where == null ? 0 : where.getLineNr(), "", "not valid YAML: " + message);
        }
    }

    private static Map<String, Integer> lineIndex(String text) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = YAML.createParser(text)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.PROPERTY_NAME) {
                    continue;
                }
                var context = parser.streamReadContext();
                // a container's own path is its parent's path at this point
                var owner = token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY
                        ? context.getParent()
                        : context;
                String pointer = owner == null ? "" : owner.pathAsPointer().toString();
                lines.putIfAbsent(pointer, parser.currentTokenLocation().getLineNr());
            }
        }
        return lines;
    }

    JsonNode root() {
        return root;
    }

    /** The line of the node at {@code pointer}, or of its nearest ancestor that has one. */
    int lineOf(String pointer) {
        String at = pointer;
        while (true) {
            Integer line = lines.get(at);
            if (line != null) {
                return line;
            }
            if (at.isEmpty()) {
                return 0;
            }
            at = at.substring(0, at.lastIndexOf('/'));
        }
    }
}
