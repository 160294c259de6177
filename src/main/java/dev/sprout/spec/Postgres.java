package dev.sprout.spec;

/**
 * A case that runs against the submission's PostgreSQL server (docs/grader-spec.md, "PostgreSQL"):
 * it starts on a fresh, empty database, which the grader's setup SQL fills before the learner's
 * code runs; the code finds it in {@code DATABASE_URL}.
 *
 * @param setup the setup scripts' text, in order (empty: the case starts on an empty database)
 */
public record Postgres(String setup) {}
