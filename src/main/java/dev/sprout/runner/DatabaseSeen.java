package dev.sprout.runner;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.sprout.value.PyValue;

/**
 * What the harness found in a case's SQLite file ({@code expect: db:}), read after the learner's
 * code finished; it carries no verdict.
 *
 * @param exists  whether the file was there (a regular file, not a link)
 * @param error   why the file could not be opened or read as a database
 * @param tables  the asked-for tables: their columns, or empty when the table does not exist
 * @param queries the asked-for queries' results, in the spec's order
 */
public record DatabaseSeen(
        boolean exists, Optional<String> error, Map<String, Optional<List<Column>>> tables, List<QueryResult> queries) {

    public DatabaseSeen {
        tables = Map.copyOf(tables);
        queries = List.copyOf(queries);
    }

    /** A column as {@code PRAGMA table_info} describes it. */
    public record Column(String name, String type, boolean notNull, boolean primaryKey) {}

    /**
     * @param truncated more rows than the harness reports (it stops at a cap)
     * @param error     sqlite's message when the query failed (e.g. no such table)
     */
    public record QueryResult(
            List<String> columns, List<List<PyValue>> rows, boolean truncated, Optional<String> error) {
        public QueryResult {
            columns = List.copyOf(columns);
            rows = rows.stream().map(List::copyOf).toList();
        }
    }

    /**
     * A sql case's named query, as the harness ran it.
     *
     * @param found    the learner's file has a {@code -- name:} block of that name
     * @param names    the names the file has, in order (to say what it has instead)
     * @param empty    the block holds no SQL (comments only)
     * @param timedOut the query ran out of time and was stopped
     * @param result   its columns and rows, or sqlite's error
     */
    public record NamedQuery(boolean found, List<String> names, boolean empty, boolean timedOut, QueryResult result) {
        public NamedQuery {
            names = List.copyOf(names);
        }
    }
}
