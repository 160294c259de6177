package dev.sprout.spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Reads {@code postgresql:}, at the top of a spec and on a case (docs/grader-spec.md, "PostgreSQL"). */
final class PostgresSpecs {

    /** The kinds whose code runs with a database: the learner's module or program. */
    private static final List<String> KINDS = List.of("call", "expr", "run", "scenario");

    private PostgresSpecs() {}

    /** The exercise's {@code postgresql:}: every case of a kind that runs code gets it. */
    static Optional<Postgres> exercise(Path specFile, SpecNode root) {
        return root.opt("postgresql").map(node -> read(specFile, node));
    }

    /** The case's own {@code postgresql:} (its setup replaces the exercise's), else the exercise's. */
    static Optional<Postgres> forCase(Path specFile, SpecNode node, String kind, Optional<Postgres> exercise) {
        boolean runsCode = KINDS.contains(kind);
        if (node.has("postgresql") && !runsCode) {
            throw node.get("postgresql")
                    .fail("a PostgreSQL database serves call, expr, run and scenario cases, not " + kind + " cases");
        }
        if (node.has("postgresql") && exercise.isEmpty()) {
            throw node.get("postgresql")
                    .fail("say at the top of the file that the exercise uses PostgreSQL: 'postgresql: {}'"
                            + " (with an optional 'setup:' for every case)");
        }
        return node.opt("postgresql").map(n -> read(specFile, n)).or(() -> runsCode ? exercise : Optional.empty());
    }

    /** The setup requirement: psycopg2 opens the database for sprout too. */
    static void checkRequires(SpecNode root, List<String> requires, List<Task> tasks) {
        boolean uses = tasks.stream()
                .flatMap(t -> t.cases().stream())
                .anyMatch(c -> c.postgres().isPresent());
        if (root.has("postgresql") && !requires.contains("psycopg2")) {
            throw root.opt("requires")
                    .orElse(root.get("postgresql"))
                    .fail("an exercise on PostgreSQL needs 'requires: [psycopg2]'");
        }
        if (root.has("postgresql") && !uses) {
            throw root.get("postgresql").fail("no case of this exercise runs code, so none would use PostgreSQL");
        }
    }

    private static Postgres read(Path specFile, SpecNode node) {
        if (node.json().isNull()) {
            return new Postgres("");
        }
        node.allowOnly("setup");
        StringBuilder sql = new StringBuilder();
        node.opt("setup").ifPresent(setup -> {
            List<SpecNode> files = setup.json().isArray() ? setup.elements() : List.of(setup);
            for (SpecNode file : files) {
                sql.append(script(specFile, file)).append('\n');
            }
        });
        return new Postgres(sql.toString());
    }

    private static String script(Path specFile, SpecNode node) {
        String name = node.nonBlankText();
        if (!name.endsWith(".sql") || name.contains("..") || name.startsWith("/") || name.contains("\\")) {
            throw node.fail("must be a .sql file in the grader folder, e.g. shop.sql");
        }
        try {
            return Files.readString(specFile.toAbsolutePath().getParent().resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw node.fail("cannot read " + name + " beside grader.yaml: " + e.getMessage());
        }
    }
}
