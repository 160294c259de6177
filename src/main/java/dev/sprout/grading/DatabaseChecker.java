package dev.sprout.grading;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import dev.sprout.runner.DatabaseSeen;
import dev.sprout.spec.DatabaseCheck;
import dev.sprout.value.PyEquality;
import dev.sprout.value.PyValue;

/**
 * Compares what the harness found in a case's SQLite file with {@code expect: db:}: the file, then
 * each table's columns, then each query's rows (docs/grader-spec.md, "Database expectations").
 * The expected rows never left the JVM; this is where they meet the observed ones.
 */
final class DatabaseChecker {

    /** @param error the learner's SQL could not run (an error, not a wrong answer) */
    record Failure(String message, Optional<String> expected, Optional<String> actual, boolean error) {
        Failure(String message, Optional<String> expected, Optional<String> actual) {
            this(message, expected, actual, false);
        }

        static Failure of(String message) {
            return new Failure(message, Optional.empty(), Optional.empty());
        }

        static Failure error(String message) {
            return new Failure(message, Optional.empty(), Optional.empty(), true);
        }
    }

    private DatabaseChecker() {}

    static Optional<Failure> check(DatabaseCheck want, Optional<DatabaseSeen> observed, double tolerance) {
        return check(want, observed, tolerance, false);
    }

    /** @param byServer the file is what an http case's app stored, at the path the grader gave it */
    static Optional<Failure> check(
            DatabaseCheck want, Optional<DatabaseSeen> observed, double tolerance, boolean byServer) {
        if (observed.isEmpty()) {
            return Optional.of(Failure.of(Messages.databaseNotRead(want.file())));
        }
        DatabaseSeen seen = observed.get();
        if (!seen.exists()) {
            return Optional.of(Failure.of(
                    byServer ? Messages.serverDatabaseMissing(want.file()) : Messages.databaseMissing(want.file())));
        }
        if (seen.error().isPresent()) {
            return Optional.of(Failure.of(
                    Messages.databaseUnreadable(want.file(), seen.error().get())));
        }
        for (Map.Entry<String, List<DatabaseCheck.Column>> table : want.tables().entrySet()) {
            Optional<Failure> problem = table(
                    want.file(),
                    table.getKey(),
                    table.getValue(),
                    seen.tables().getOrDefault(table.getKey(), Optional.empty()));
            if (problem.isPresent()) {
                return problem;
            }
        }
        for (int i = 0; i < want.queries().size(); i++) {
            DatabaseCheck.Query query = want.queries().get(i);
            if (i >= seen.queries().size()) {
                return Optional.of(Failure.of(Messages.databaseNotRead(want.file())));
            }
            DatabaseSeen.QueryResult got = seen.queries().get(i);
            if (got.error().isPresent()) {
                return Optional.of(Failure.of(Messages.databaseQueryFailed(
                        want.file(), query.sql(), got.error().get())));
            }
            Optional<Failure> problem = rows(
                    Messages.databaseQueryLabel(want.file(), query.sql()),
                    false,
                    query.rows(),
                    query.ordered(),
                    query.columns(),
                    got,
                    tolerance);
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    /**
     * A sql case's named query: found, not empty, ran, then its rows against {@code rows:}.
     *
     * @param file the learner's .sql file, for messages
     */
    static Optional<Failure> namedQuery(
            String query,
            String file,
            Optional<DatabaseCheck.Query> want,
            Optional<DatabaseSeen.NamedQuery> observed,
            double tolerance) {
        if (observed.isEmpty()) {
            return Optional.of(Failure.error(Messages.sqlQueryNotRun(query)));
        }
        DatabaseSeen.NamedQuery seen = observed.get();
        if (!seen.found()) {
            return Optional.of(Failure.error(Messages.sqlQueryMissing(file, query, seen.names())));
        }
        if (seen.empty()) {
            return Optional.of(Failure.error(Messages.sqlQueryEmpty(file, query)));
        }
        if (seen.timedOut()) {
            return Optional.of(Failure.error(Messages.sqlQueryTimedOut(query)));
        }
        if (seen.result().error().isPresent()) {
            return Optional.of(Failure.error(
                    Messages.sqlQueryFailed(file, query, seen.result().error().get())));
        }
        if (want.isEmpty()) {
            return Optional.empty();
        }
        DatabaseCheck.Query rows = want.get();
        return rows(
                Messages.sqlQueryLabel(query),
                true,
                rows.rows(),
                rows.ordered(),
                rows.columns(),
                seen.result(),
                tolerance);
    }

    private static Optional<Failure> table(
            String file, String table, List<DatabaseCheck.Column> want, Optional<List<DatabaseSeen.Column>> got) {
        if (got.isEmpty()) {
            return Optional.of(Failure.of(Messages.tableMissing(file, table)));
        }
        for (DatabaseCheck.Column column : want) {
            Optional<DatabaseSeen.Column> found = got.get().stream()
                    .filter(c -> c.name().equalsIgnoreCase(column.name()))
                    .findFirst();
            if (found.isEmpty()) {
                return Optional.of(new Failure(
                        Messages.columnMissing(table, column.name()),
                        Optional.of(column.name()),
                        Optional.of(String.join(
                                ", ",
                                got.get().stream()
                                        .map(DatabaseSeen.Column::name)
                                        .toList()))));
            }
            DatabaseSeen.Column seen = found.get();
            if (column.type().isPresent()
                    && !column.type()
                            .get()
                            .trim()
                            .toUpperCase(Locale.ROOT)
                            .equals(seen.type().trim().toUpperCase(Locale.ROOT))) {
                return Optional.of(new Failure(
                        Messages.columnType(table, column.name(), column.type().get(), seen.type()),
                        column.type(),
                        Optional.of(seen.type())));
            }
            if (column.primaryKey().isPresent() && column.primaryKey().get() != seen.primaryKey()) {
                return Optional.of(Failure.of(Messages.columnPrimaryKey(
                        table, column.name(), column.primaryKey().get())));
            }
            if (column.notNull().isPresent() && column.notNull().get() != seen.notNull()) {
                return Optional.of(Failure.of(Messages.columnNotNull(
                        table, column.name(), column.notNull().get())));
            }
        }
        return Optional.empty();
    }

    /**
     * Rows a query gave against rows expected: the columns' names (when given), the count, then the
     * first row that differs (ordered) or a missing or extra row (unordered, as a multiset).
     *
     * @param what names the query for the learner, e.g. "Checking library.db with `SELECT …`"
     */
    static Optional<Failure> rows(
            String what,
            boolean fromQuery,
            List<List<PyValue>> expected,
            boolean ordered,
            Optional<List<String>> columns,
            DatabaseSeen.QueryResult got,
            double tolerance) {
        if (columns.isPresent() && !sameNames(columns.get(), got.columns())) {
            return Optional.of(new Failure(
                    Messages.wrongColumns(what, columns.get(), got.columns()),
                    Optional.of(String.join(", ", columns.get())),
                    Optional.of(String.join(", ", got.columns()))));
        }
        PyEquality equality = new PyEquality(tolerance);
        if (expected.size() != got.rows().size() || got.truncated()) {
            return Optional.of(new Failure(
                    Messages.wrongRowCount(
                            what, fromQuery, expected.size(), got.rows().size(), got.truncated()),
                    Optional.of(table(expected)),
                    Optional.of(table(got.rows()))));
        }
        if (ordered) {
            for (int i = 0; i < expected.size(); i++) {
                List<PyValue> want = expected.get(i);
                if (!sameRow(equality, want, got.rows().get(i))) {
                    boolean elsewhere = got.rows().stream().anyMatch(r -> sameRow(equality, want, r));
                    return Optional.of(new Failure(
                            Messages.wrongRow(
                                    what, i + 1, row(want), row(got.rows().get(i)), elsewhere),
                            Optional.of(table(expected)),
                            Optional.of(table(got.rows()))));
                }
            }
            return Optional.empty();
        }
        // a multiset: match every row first, then name the first expected row left without a partner
        List<List<PyValue>> left = new ArrayList<>(got.rows());
        List<List<PyValue>> unmatched = new ArrayList<>();
        for (List<PyValue> want : expected) {
            int at = -1;
            for (int j = 0; j < left.size() && at < 0; j++) {
                if (sameRow(equality, want, left.get(j))) {
                    at = j;
                }
            }
            if (at < 0) {
                unmatched.add(want);
            } else {
                left.remove(at);
            }
        }
        if (!unmatched.isEmpty()) {
            return Optional.of(new Failure(
                    Messages.rowMissing(what, row(unmatched.get(0)), left.isEmpty() ? "" : row(left.get(0))),
                    Optional.of(table(expected)),
                    Optional.of(table(got.rows()))));
        }
        return Optional.empty();
    }

    private static boolean sameNames(List<String> want, List<String> got) {
        if (want.size() != got.size()) {
            return false;
        }
        for (int i = 0; i < want.size(); i++) {
            if (!want.get(i).equalsIgnoreCase(got.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameRow(PyEquality equality, List<PyValue> want, List<PyValue> got) {
        if (want.size() != got.size()) {
            return false;
        }
        for (int i = 0; i < want.size(); i++) {
            if (!equality.equal(want.get(i), got.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** A row as Python's sqlite3 returns it: a tuple. */
    static String row(List<PyValue> values) {
        return ShortRepr.of(new PyValue.PySequence(PyValue.SequenceKind.TUPLE, values), OptionalInt.empty());
    }

    private static String table(List<List<PyValue>> rows) {
        List<String> lines = new ArrayList<>();
        int shown = Math.min(rows.size(), ShortRepr.ITEMS * 2);
        for (int i = 0; i < shown; i++) {
            lines.add(row(rows.get(i)));
        }
        if (rows.size() > shown) {
            lines.add("… (" + (rows.size() - shown) + " more rows)");
        }
        return String.join("\n", lines);
    }
}
