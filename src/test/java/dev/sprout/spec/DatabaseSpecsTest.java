package dev.sprout.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.sprout.value.PyValue;

/** {@code expect: db:} in grader.yaml: what it reads, and each mistake's message with its line. */
class DatabaseSpecsTest {

    private static final Path FILE = Path.of("graders/x/05-db/grader.yaml");

    private static final String VALID = """
            version: 1
            entry: library.py
            requires: [sqlite3]
            tasks:
              - name: Saving
                cases:
                  - name: saves two books
                    run: {argv: [add, Dune]}
                    expect:
                      stdout: "saved"
                      db:
                        file: library.db
                        tables: {books: [id, {name: title, type: TEXT, not_null: true}, author]}
                        queries:
                          - sql: "SELECT title, year FROM books ORDER BY id"
                            rows: [["Dune", 1965], ["O'Brien's Way", null]]
                            columns: [title, year]
                          - sql: "SELECT count(*) FROM books"
                            rows: [[2]]
                            ordered: false
            """;

    @Test
    void readsTablesColumnsAndQueries() {
        GraderSpec spec = SpecParser.parse(FILE, "db", VALID);
        DatabaseCheck db =
                spec.caseNamed("saves two books").orElseThrow().expect().db().orElseThrow();

        assertThat(db.file()).isEqualTo("library.db");
        assertThat(db.tableNames()).containsExactly("books");
        assertThat(db.tables().get("books"))
                .containsExactly(
                        new DatabaseCheck.Column("id", Optional.empty(), Optional.empty(), Optional.empty()),
                        new DatabaseCheck.Column("title", Optional.of("TEXT"), Optional.empty(), Optional.of(true)),
                        new DatabaseCheck.Column("author", Optional.empty(), Optional.empty(), Optional.empty()));
        DatabaseCheck.Query first = db.queries().get(0);
        assertThat(first.ordered()).isTrue();
        assertThat(first.columns()).contains(List.of("title", "year"));
        assertThat(first.rows().get(1)).containsExactly(new PyValue.PyStr("O'Brien's Way"), new PyValue.PyNone());
        assertThat(db.queries().get(1).ordered()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "no sqlite3 in requires | requires: [sqlite3] | requires: [flask] | 3 | need 'requires: [sqlite3]'",
                "file outside the folder | file: library.db | file: ../library.db | 12 | inside the case's folder",
                "a row that is not a list | rows: [[2]] | rows: [2] | 19 | each row is a list of values",
                "rows that are not a list | rows: [[2]] | rows: 2 | 19 | write the rows as a list of lists",
                "a query without sql | - sql: \"SELECT count(*) FROM books\" | - sqll: \"x\" | 18 | did you mean 'sql'",
                "a table name to quote | tables: {books: | tables: {\"bo oks\": | 13 | not a plain table name",
                "columns not a list | tables: {books: [id, {name: title, type: TEXT, not_null: true}, author]} | tables: {books: id} | 13 | list the table's columns",
                "db in an http case | run: {argv: [add, Dune]} | http: {app: app, requests: [{path: /}]} | 10 | unknown key 'stdout'",
            })
    void reportsMistakesWithTheirLine(String what, String from, String to, int line, String message) {
        String broken = VALID.replace(from, to);

        assertThatThrownBy(() -> SpecParser.parse(FILE, "db", broken))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining(FILE + ":" + line)
                .hasMessageContaining(message);
    }

    @Test
    void anEmptyDbSaysWhatToCheck() {
        String broken = VALID.replaceAll("(?s)\\n +tables:.*", "\n");

        assertThatThrownBy(() -> SpecParser.parse(FILE, "db", broken))
                .hasMessageContaining("say what the database must hold");
    }
}
