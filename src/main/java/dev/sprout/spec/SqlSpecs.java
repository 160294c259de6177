package dev.sprout.spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads {@code sql:} cases and the exercise's {@code setup:} (docs/grader-spec.md, "SQL cases"). */
final class SqlSpecs {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    static final String DEFAULT_DATABASE = "database.db";

    /** The setup script's text, read from the grader folder, and the database file it builds. */
    record Setup(String script, String database, Path folder) {}

    private SqlSpecs() {}

    static Optional<Setup> setup(Path specFile, SpecNode root) {
        if (!root.has("setup")) {
            if (root.has("database")) {
                throw root.get("database").fail("'database' names the file 'setup:' builds: add 'setup: setup.sql'");
            }
            return Optional.empty();
        }
        Path folder = specFile.toAbsolutePath().getParent();
        String script = read(root.get("setup"), folder);
        String database = root.opt("database").map(SpecNode::nonBlankText).orElse(DEFAULT_DATABASE);
        if (database.contains("/") || database.contains("\\") || database.startsWith(".")) {
            throw root.get("database").fail("a plain file name, e.g. shop.db");
        }
        return Optional.of(new Setup(script, database, folder));
    }

    static Action.Sql sql(SpecNode node, Optional<Setup> setup) {
        if (node.has("stdin") || node.has("files")) {
            throw node.get(node.has("stdin") ? "stdin" : "files")
                    .fail("sql cases start from the setup script's database; they take no stdin or files");
        }
        SpecNode body = node.get("sql");
        body.allowOnly("query", "setup");
        String query = body.require("query").nonBlankText();
        if (!NAME.matcher(query).matches()) {
            throw body.get("query")
                    .fail("a query name is letters, digits and _, as after '-- name:', e.g. cheap_products");
        }
        if (setup.isEmpty()) {
            throw node.get("sql").fail("sql cases need the exercise's 'setup: setup.sql' to build their database");
        }
        String script = setup.get().script();
        if (body.has("setup")) {
            // a case's own data after the exercise's: hidden cases on other rows catch hard-coded answers
            script = script + "\n" + read(body.get("setup"), setup.get().folder());
        }
        return new Action.Sql(query, script, setup.get().database());
    }

    private static String read(SpecNode node, Path folder) {
        String name = node.nonBlankText();
        if (!name.endsWith(".sql") || name.contains("..") || name.startsWith("/") || name.contains("\\")) {
            throw node.fail("must be a .sql file in the grader folder, e.g. setup.sql");
        }
        try {
            return Files.readString(folder.resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw node.fail("cannot read " + name + " beside grader.yaml: " + e.getMessage());
        }
    }

    /** An exercise whose entry is a .sql file has sql cases only, and needs sqlite3 (GraalPy has none). */
    static void checkEntry(
            SpecNode root, String entry, Optional<Setup> setup, List<String> requires, List<Task> tasks) {
        boolean sqlEntry = entry.endsWith(".sql");
        for (Task task : tasks) {
            for (Case c : task.cases()) {
                boolean sqlCase = c.action() instanceof Action.Sql;
                if (sqlCase != sqlEntry) {
                    throw root.get("entry")
                            .fail(
                                    sqlEntry
                                            ? "a .sql entry runs sql cases only, but '" + c.name() + "' is not one"
                                            : "the sql case '" + c.name() + "' needs a .sql entry, e.g. queries.sql");
                }
            }
        }
        if (sqlEntry && !requires.contains("sqlite3")) {
            throw root.opt("requires").orElse(root).fail("sql cases need 'requires: [sqlite3]'");
        }
        if (setup.isPresent() && !sqlEntry) {
            throw root.get("setup").fail("'setup' builds the database of sql cases; this exercise has none");
        }
    }
}
