package dev.sprout.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.sprout.value.PyValue;

/** Reads {@code expect: db:} (docs/grader-spec.md, "Database expectations"). */
final class DatabaseSpecs {

    /** SQLite names sprout asks about: plain identifiers, so they never need quoting. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private DatabaseSpecs() {}

    static DatabaseCheck db(SpecNode node) {
        node.allowOnly("file", "tables", "queries");
        // no file: the case's PostgreSQL database (checked against the case by SpecParser)
        String file = node.opt("file").map(SpecNode::nonBlankText).orElse("");
        if (file.contains("..") || file.startsWith("/") || file.contains("\\")) {
            throw node.get("file").fail("the database file must be inside the case's folder, e.g. library.db");
        }
        Map<String, List<DatabaseCheck.Column>> tables = new LinkedHashMap<>();
        node.opt("tables")
                .ifPresent(t -> t.entries().forEach((name, columns) -> {
                    if (!NAME.matcher(name).matches()) {
                        throw columns.fail("'" + name + "' is not a plain table name (letters, digits and _)");
                    }
                    tables.put(name, columns(columns));
                }));
        List<DatabaseCheck.Query> queries = new ArrayList<>();
        node.opt("queries").ifPresent(q -> q.elements().forEach(one -> queries.add(query(one))));
        if (tables.isEmpty() && queries.isEmpty()) {
            throw node.fail("say what the database must hold: 'tables:' (a table and its columns) or 'queries:'");
        }
        return new DatabaseCheck(file, tables, queries);
    }

    private static List<DatabaseCheck.Column> columns(SpecNode node) {
        if (!node.json().isArray()) {
            throw node.fail("list the table's columns, e.g. [id, title, author]");
        }
        List<DatabaseCheck.Column> columns = new ArrayList<>();
        for (SpecNode column : node.elements()) {
            if (column.json().isObject()) {
                column.allowOnly("name", "type", "primary_key", "not_null");
                columns.add(new DatabaseCheck.Column(
                        name(column.require("name")),
                        column.opt("type").map(SpecNode::nonBlankText),
                        column.opt("primary_key").map(SpecNode::bool),
                        column.opt("not_null").map(SpecNode::bool)));
            } else {
                columns.add(
                        new DatabaseCheck.Column(name(column), Optional.empty(), Optional.empty(), Optional.empty()));
            }
        }
        if (columns.isEmpty()) {
            throw node.fail("list at least one column");
        }
        return columns;
    }

    private static String name(SpecNode node) {
        String name = node.nonBlankText();
        if (!NAME.matcher(name).matches()) {
            throw node.fail("'" + name + "' is not a plain column name (letters, digits and _)");
        }
        return name;
    }

    private static DatabaseCheck.Query query(SpecNode node) {
        node.allowOnly("sql", "rows", "ordered", "columns");
        String sql = node.require("sql").nonBlankText();
        return new DatabaseCheck.Query(
                sql,
                rows(node.require("rows")),
                node.opt("ordered").map(SpecNode::bool).orElse(true),
                node.opt("columns").map(SpecNode::textList));
    }

    /** A sql case's {@code rows}/{@code ordered}/{@code columns}, as a query named by the case's query. */
    static Optional<DatabaseCheck.Query> resultRows(SpecNode node, String kind, String query) {
        if (!kind.equals("sql")) {
            return Optional.empty();
        }
        if (!node.has("rows")) {
            if (node.has("ordered") || node.has("columns")) {
                throw node.fail("'ordered' and 'columns' describe 'rows': add the rows the query must give");
            }
            if (!node.has("db")) {
                throw node.fail("say what the query must give ('rows: [[...]]') or leave behind ('db:')");
            }
            return Optional.empty();
        }
        return Optional.of(new DatabaseCheck.Query(
                query,
                rows(node.get("rows")),
                node.opt("ordered").map(SpecNode::bool).orElse(true),
                node.opt("columns").map(SpecNode::textList)));
    }

    /** {@code rows: [[a, b], [c, d]]}: a list of rows, each a list of values. */
    static List<List<PyValue>> rows(SpecNode node) {
        if (!node.json().isArray()) {
            throw node.fail("write the rows as a list of lists, e.g. [[\"Dune\", 1965], [\"Emma\", 1815]]");
        }
        List<List<PyValue>> rows = new ArrayList<>();
        for (SpecNode row : node.elements()) {
            if (!row.json().isArray()) {
                throw row.fail("each row is a list of values, e.g. [\"Dune\", 1965], even with one column");
            }
            rows.add(ValueReader.readAll(row));
        }
        return rows;
    }
}
