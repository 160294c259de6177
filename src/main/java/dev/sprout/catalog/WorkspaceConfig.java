package dev.sprout.catalog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A workspace's own settings, {@code sprout.yaml} at its root, so a lab machine or a course can
 * pin the engine and interpreter once instead of on every command:
 * <pre>
 * engine: graalpy        # auto, cpython or graalpy
 * python: /usr/bin/python3
 * </pre>
 * Command-line options and environment variables still win over it.
 */
public record WorkspaceConfig(Optional<String> engine, Optional<String> python) {

    public static final String FILE = "sprout.yaml";
    public static final WorkspaceConfig NONE = new WorkspaceConfig(Optional.empty(), Optional.empty());

    public static WorkspaceConfig load(Path workspaceRoot) {
        Path file = workspaceRoot.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return NONE;
        }
        try {
            JsonNode root = YAMLMapper.builder().build().readTree(file.toFile());
            if (root == null || root.isMissingNode() || root.isNull()) {
                return NONE;
            }
            if (!root.isObject()) {
                throw new CatalogException(file + ": expected lines like `engine: cpython`.");
            }
            for (String key : root.propertyNames()) {
                if (!key.equals("engine") && !key.equals("python")) {
                    throw new CatalogException(
                            file + ": unknown setting '" + key + "'; sprout.yaml knows engine and python.");
                }
            }
            return new WorkspaceConfig(text(root, "engine"), text(root, "python"));
        } catch (JacksonException e) {
            throw new CatalogException(file + ": not valid YAML ("
                    + e.getOriginalMessage().lines().findFirst().orElse("") + "). Fix the file or remove it.");
        }
    }

    private static Optional<String> text(JsonNode root, String key) {
        JsonNode node = root.get(key);
        return node == null || node.isNull() || node.asString().isBlank()
                ? Optional.empty()
                : Optional.of(node.asString().strip());
    }
}
