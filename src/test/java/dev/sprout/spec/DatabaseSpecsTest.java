package dev.sprout.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
                "db in an http case | run: {argv: [add, Dune]} | http: {app: app, requests: [{path: /}]} | 12 | write the requests as 'steps:'",
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

    // ---- sql cases ----------------------------------------------------------------------------

    private static final String SQL = """
            version: 1
            entry: queries.sql
            requires: [sqlite3]
            setup: setup.sql
            database: shop.db
            tasks:
              - name: Queries
                cases:
                  - name: cheap
                    sql: {query: cheap_products}
                    expect: {rows: [["Pen", 1.5], ["Mug", 7.0]], ordered: true, columns: [name, price]}
                  - name: cheap on more rows
                    sql: {query: cheap_products, setup: more.sql}
                    expect: {rows: [["Pen", 1.5]], ordered: false}
                  - name: discount
                    sql: {query: discount}
                    expect: {db: {file: shop.db, queries: [{sql: "SELECT price FROM products", rows: [[1.0]]}]}}
            """;

    private GraderSpec sqlSpec(Path dir, String text) throws IOException {
        Files.writeString(dir.resolve("setup.sql"), "CREATE TABLE products (name TEXT, price REAL);\n");
        Files.writeString(dir.resolve("more.sql"), "INSERT INTO products VALUES ('Pen', 1.5);\n");
        return SpecParser.parse(dir.resolve("grader.yaml"), "shop", text);
    }

    @Test
    void readsSqlCasesWithTheSetupScriptAndExpectedRows(@TempDir Path dir) throws IOException {
        GraderSpec spec = sqlSpec(dir, SQL);

        Case cheap = spec.caseNamed("cheap").orElseThrow();
        assertThat(cheap.action())
                .isEqualTo(new Action.Sql(
                        "cheap_products", "CREATE TABLE products (name TEXT, price REAL);\n", "shop.db"));
        DatabaseCheck.Query rows = cheap.expect().rows().orElseThrow();
        assertThat(rows.sql()).isEqualTo("cheap_products");
        assertThat(rows.columns()).contains(List.of("name", "price"));
        assertThat(rows.rows().get(1)).containsExactly(new PyValue.PyStr("Mug"), new PyValue.PyFloat(7.0));
        Action.Sql more =
                (Action.Sql) spec.caseNamed("cheap on more rows").orElseThrow().action();
        assertThat(more.setup())
                .endsWith(
                        "CREATE TABLE products (name TEXT, price REAL);\n\nINSERT INTO products VALUES ('Pen', 1.5);\n");
        assertThat(spec.caseNamed("discount").orElseThrow().expect().rows()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "a sql case in a .py exercise | entry: queries.sql | entry: shop.py | 2 | needs a .sql entry",
                "a call case in a .sql exercise | sql: {query: discount} | call: discount | 2 | runs sql cases only",
                "a misspelled setup | setup: setup.sql | setup_: x | 4 | unknown key 'setup_'",
                "a setup file that is not there | setup: setup.sql | setup: nothere.sql | 4 | cannot read nothere.sql",
                "no sqlite3 in requires | requires: [sqlite3] | requires: [] | 3 | need 'requires: [sqlite3]'",
                "a query name that is not a name | query: cheap_products} | query: \"cheap products\"} | 10 | as after '-- name:'",
                "columns without rows | {rows: [[\"Pen\", 1.5]], ordered: false} | {ordered: false} | 14 | add the rows",
                "a sql case with stdin | sql: {query: discount} | sql: {query: discount}\\n        stdin: x | 17 | take no stdin",
            })
    void reportsSqlMistakesWithTheirLine(
            String what, String from, String to, int line, String message, @TempDir Path dir) throws IOException {
        String broken = SQL.replace(from, to.replace("\\n", "\n"));

        assertThatThrownBy(() -> sqlSpec(dir, broken))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("grader.yaml:" + line)
                .hasMessageContaining(message);
    }
}
