package dev.sprout.spec;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.sprout.value.PyValue;

/**
 * A case's {@code expect: db:}: what a SQLite file left in the case's folder must hold once the
 * learner's code has finished. The harness runs the queries (read-only, in its supervising
 * process) and reports the rows; the expected rows and columns stay here, in Java.
 *
 * @param file    the database file, relative to the case's folder; empty for the case's PostgreSQL database
 * @param tables  tables that must exist, each with columns that must be present (order free)
 * @param queries queries whose rows must match
 */
public record DatabaseCheck(String file, Map<String, List<Column>> tables, List<Query> queries) {

    public DatabaseCheck {
        Map<String, List<Column>> copied = new TreeMap<>();
        tables.forEach((name, columns) -> copied.put(name, List.copyOf(columns)));
        tables = Collections.unmodifiableMap(copied);
        queries = List.copyOf(queries);
    }

    /** The table names, in a stable order (the harness is asked about these only). */
    public List<String> tableNames() {
        return List.copyOf(tables.keySet());
    }

    /**
     * A column that must be present; the other parts are checked only when given.
     *
     * @param type       the declared type, compared ignoring case (e.g. {@code INTEGER})
     * @param primaryKey whether the column is (part of) the primary key
     * @param notNull    whether the column is declared NOT NULL
     */
    public record Column(String name, Optional<String> type, Optional<Boolean> primaryKey, Optional<Boolean> notNull) {}

    /**
     * A query and the rows it must give.
     *
     * @param ordered whether the rows' order counts; {@code false} compares them as a multiset
     * @param columns the result's column names, when they are checked
     */
    public record Query(String sql, List<List<PyValue>> rows, boolean ordered, Optional<List<String>> columns) {
        public Query {
            rows = rows.stream().map(List::copyOf).toList();
            columns = columns.map(List::copyOf);
        }
    }
}
