package dev.sprout.grading;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

import dev.sprout.runner.Observation;
import dev.sprout.sandbox.Limits;
import dev.sprout.value.PyValue;

/**
 * Every sentence the grading shows a learner, in one place: how a case ended and what to try
 * next. Tests and the grader self-test check many of them word for word.
 */
final class Messages {

    /** For a call or expression case whose module failed while it was being imported. */
    static final String TOP_LEVEL_RUNS_ON_IMPORT = "It happened while the checker was loading your file to test a "
            + "function: code outside functions runs then too. Put the part of your program that asks questions "
            + "or loops under `if __name__ == \"__main__\":` so it only runs when you start the program yourself.";

    private Messages() {}

    static String timeout(Observation o, Limits limits, String file) {
        return "Your code was still running after " + seconds(limits.wall().toMillis()) + "."
                + where(o, file) + " Check that every loop can end: the condition of a `while` must become false, "
                + "and `input()` is only called as often as the exercise needs.";
    }

    /** Busy until a limit stopped it, whichever (CPU or wall) fired first: that depends on the machine's load. */
    static String busy(Observation o, Limits limits, String file) {
        return "Your code was still running when its time ran out, busy computing the whole time (the limit is "
                + seconds(limits.cpu().toMillis()) + " of computing time, "
                + seconds(limits.wall().toMillis())
                + " in all)." + where(o, file) + " A loop that never ends, or does far more work than needed, is the "
                + "usual cause: the condition of a `while` must become false.";
    }

    /**
     * Out of time after its stdin reads hit end of input: every input() raised EOFError, and a bare
     * except around it kept the loop going (the CPython harness notes it; GraalPy does not).
     */
    static String inputRanOut(Observation o, String file) {
        return "Your program kept running after the checker's answers ran out: every input() after that raised "
                + "EOFError." + where(o, file) + " A bare `except:` (or `except Exception:`) around input() catches "
                + "it and loops forever — catch ValueError instead, or stop when input ends.";
    }

    /** Out of wall time while computing almost nothing: sleeping, or waiting for something. */
    static String waiting(Observation o, Limits limits, String file) {
        return "Your code was still waiting after " + seconds(limits.wall().toMillis()) + ", computing almost nothing: "
                + "a `time.sleep()`, or a wait for something that never comes." + where(o, file)
                + " Check that every wait is needed, and short.";
    }

    static String memoryLimit(Limits limits) {
        return "Your code used more than " + (limits.memoryBytes() >> 20) + " MiB of memory. "
                + "A list or string that keeps growing inside a loop is the usual cause.";
    }

    static String outputLimit(Limits limits) {
        return "Your code printed more than " + (limits.outputBytes() >> 10) + " KiB. "
                + "Is a `print` inside a loop that never ends?";
    }

    static String crashed(Observation o) {
        String signal = o.exception().map(Observation.PythonError::type).orElse("a signal");
        return "Python itself stopped (" + signal + "). This is rare: it can come from very deep recursion "
                + "or from ending the process from inside your code.";
    }

    static String where(Observation o, String file) {
        Optional<Observation.Where> where = o.where();
        return where.map(w -> " It was busy on line " + w.line() + " of " + file + ".")
                .orElse("");
    }

    static String seconds(long millis) {
        double seconds = millis / 1000.0;
        return (seconds == Math.rint(seconds) ? String.valueOf((long) seconds) : String.valueOf(seconds))
                + (seconds == 1 ? " second" : " seconds");
    }

    /** "ZeroDivisionError: division by zero" and where it happened. */
    static String exception(Observation.PythonError error) {
        return exception(error, true);
    }

    /** @param advise add the usual advice for the exception's type */
    static String exception(Observation.PythonError error, boolean advise) {
        StringBuilder out = new StringBuilder("Your code raised ").append(error.type());
        if (!error.message().isBlank()) {
            out.append(": ").append(error.message());
        }
        error.line()
                .ifPresent(line -> out.append(" (")
                        .append(error.file().orElse("your file"))
                        .append(", line ")
                        .append(line)
                        .append(')'));
        out.append('.');
        if (!advise) {
            return out.toString();
        }
        String advice = switch (error.type()) {
            case "EOFError" ->
                " Your program asked for more input than the test typed: check how many times " + "`input()` runs.";
            case "NameError" -> " A name is used before it is defined, or is misspelled.";
            case "TypeError" -> typeErrorAdvice(error.message());
            case "ValueError" ->
                error.message().contains("values to unpack")
                        ? " The number of names on the left of `=` must match the number of values on the right: "
                                + "`a, b = \"1 2\".split()` works, `a, b = \"1 2 3\".split()` does not."
                        : " A value had the right type but a wrong form, e.g. int(\"abc\").";
            case "IndexError" -> " A list was indexed past its end: remember the last index is len(x) - 1.";
            case "KeyError" -> " A dictionary was asked for a key it does not have: try .get().";
            case "FileNotFoundError" -> " A file was opened that does not exist (yet): handle that case.";
            case "RecursionError" ->
                " A function called itself more times in a row than Python allows (about "
                        + "1,000 calls deep). If it never stops calling itself, check the case that should end it; if the "
                        + "input is just big, use a loop instead.";
            default -> "";
        };
        return out.append(advice).toString();
    }

    /** The learner's file could not be compiled; no case runs. */
    static String cannotRead(String file, Observation.PythonError error) {
        StringBuilder out =
                new StringBuilder("Python cannot read ").append(error.file().orElse(file));
        error.line().ifPresent(line -> out.append(", line ").append(line));
        out.append(": ").append(error.type()).append(": ").append(error.message());
        return out.toString();
    }

    static String harnessError(Optional<Observation.PythonError> error) {
        return "sprout could not run this case: "
                + error.map(Observation.PythonError::message).orElse("unknown error");
    }

    /** A generated case's generator or reference failed: the pack's fault, said so for the mentor. */
    static String referenceBroken(String problem) {
        return "sprout could not make this check's inputs or its expected answer, so it did not run your code: "
                + problem + ". This is a problem in the exercise's grader, not in your code: tell your mentor"
                + " or the exercise's author.";
    }

    static String exitedDuringCall() {
        return "Your code called exit() (or sys.exit()) while the test was calling it, so nothing was returned. "
                + "Use `return` to give back a value.";
    }

    static String endedTheProgram() {
        return "Your code ended the whole program (os._exit?) before the function returned.";
    }

    static String wrongException(String wanted, Observation.PythonError error) {
        return "Expected " + wanted + " to be raised, but your code raised " + error.type()
                + (error.message().isBlank() ? "" : ": " + error.message()) + ".";
    }

    static String wrongExceptionMessage(Observation.PythonError error) {
        return "Your code raised " + error.type() + " as it should, but its message \"" + error.message()
                + "\" does not match what the exercise asks for.";
    }

    /** @param value what the code returned instead, if it returned */
    static String notRaised(String wanted, Optional<PyValue> value) {
        String got = value.map(v -> "returned " + v.repr()).orElse("finished normally");
        return "Expected " + wanted + " to be raised, but your code " + got + ".";
    }

    /** @param wanted the expected value, as the learner reads it (cut when long); {@code got} likewise */
    static String wrongValue(String call, String wanted, String got, String difference, boolean printedInstead) {
        return call + " should return " + wanted + ", but it returned " + got + " (" + difference + ")."
                + (printedInstead
                        ? " It printed something instead: use `return` to give the value back, not `print`."
                        : "");
    }

    static String wrongExitCode(int wanted, int got) {
        return "Your program should end with exit code " + wanted + ", but it ended with " + got + ".";
    }

    static String wrongStdout(String problem, boolean truncated) {
        return wrongStream("printed", problem, truncated);
    }

    static String wrongStderr(String problem, boolean truncated) {
        return wrongStream("wrote to stderr", problem, truncated);
    }

    private static String wrongStream(String verb, String problem, boolean truncated) {
        return "What your code " + verb + " is not what the exercise asks for: " + problem + "."
                + (truncated ? " (The output was cut short.)" : "");
    }

    static String fileShouldBeGone(String name) {
        return "The file " + name + " should not exist afterwards, but it does.";
    }

    static String fileMissing(String name) {
        return "Your code should leave a file named " + name + ", but there is none.";
    }

    static String fileDiffers(String name, String mismatch) {
        return "The file " + name + " is not as expected: " + mismatch + ".";
    }

    // ---- databases (expect: db:, sql cases) ------------------------------------------------------

    static String databaseMissing(String file) {
        return file + " was not created: your code should leave a SQLite database file named " + file
                + " (sqlite3.connect(\"" + file + "\") creates it).";
    }

    static String serverDatabaseMissing(String file) {
        return file + " was not created where your app was told to keep its database: use the path the "
                + "grader hands your app (app.config[\"DATABASE\"] or your create_app's argument), not a file "
                + "name of your own.";
    }

    static String databaseUnreadable(String file, String error) {
        return "The checker could not read " + file + " as a SQLite database: " + sentence(error);
    }

    static String databaseNotRead(String file) {
        return "The checker could not look into " + file + " this time; check again.";
    }

    static String tableMissing(String file, String table) {
        return "The database " + file + " has no table " + table + ". Create it with CREATE TABLE IF NOT EXISTS "
                + table + " (...), and commit.";
    }

    static String columnMissing(String table, String column) {
        return "The table " + table + " has no column " + column + ".";
    }

    static String columnType(String table, String column, String wanted, String got) {
        return "The column " + column + " of the table " + table + " should have the type " + wanted + ", but "
                + (got.isBlank() ? "it has no type." : "it is declared " + got + ".");
    }

    static String columnPrimaryKey(String table, String column, boolean wanted) {
        return wanted
                ? "The column " + column + " of the table " + table + " should be its PRIMARY KEY."
                : "The column " + column + " of the table " + table + " should not be part of its primary key.";
    }

    static String columnNotNull(String table, String column, boolean wanted) {
        return wanted
                ? "The column " + column + " of the table " + table + " should be declared NOT NULL."
                : "The column " + column + " of the table " + table + " should accept NULL (no NOT NULL).";
    }

    /** What a database check ran, as the start of a sentence. */
    static String databaseQueryLabel(String file, String sql) {
        return "Checking " + file + " with `" + sql.strip() + "`";
    }

    static String databaseQueryFailed(String file, String sql, String error) {
        return databaseQueryLabel(file, sql) + " failed: " + sentence(error)
                + " Check your table and column names, and that your code commits its changes.";
    }

    static String wrongColumns(String what, List<String> wanted, List<String> got) {
        return what + ": expected the columns " + String.join(", ", wanted) + ", got "
                + (got.isEmpty() ? "none" : String.join(", ", got)) + ".";
    }

    static String wrongRowCount(String what, boolean fromQuery, int wanted, int got, boolean truncated) {
        String gotText = truncated ? "more than " + got : String.valueOf(got);
        if (fromQuery) {
            return what + ": expected " + rows(wanted) + ", your query gave " + gotText + ".";
        }
        return what + ": expected " + rows(wanted) + ", your database has " + gotText + "."
                + (got == 0 && wanted > 0 ? " Did your code commit() after inserting?" : "");
    }

    static String sqlQueryLabel(String query) {
        return "Your query " + query;
    }

    static String sqlQueryMissing(String file, String query, List<String> names) {
        return file + " has no query named " + query + ". Write it under a line that names it, like this:\n"
                + "-- name: " + query + "\nSELECT ...;\n"
                + (names.isEmpty()
                        ? "Your file has no `-- name:` lines yet."
                        : "Your file has: " + String.join(", ", names) + ".");
    }

    static String sqlQueryEmpty(String file, String query) {
        return "The query " + query + " in " + file + " is empty: write one SQL statement under `-- name: " + query
                + "`.";
    }

    static String sqlQueryFailed(String file, String query, String error) {
        return "Your query " + query + " (" + file + ") failed: " + sentence(error)
                + (error.contains("one statement at a time")
                        ? " Write one statement under each `-- name:` line."
                        : " Check the spelling of the SQL words and of the table and column names.");
    }

    static String sqlQueryTimedOut(String query) {
        return "Your query " + query + " was still running when its time ran out, and was stopped. "
                + "A join without its ON condition can give millions of rows.";
    }

    static String sqlQueryNotRun(String query) {
        return "The checker could not run your query " + query + " this time; check again.";
    }

    static String wrongRow(String what, int number, String wanted, String got, boolean elsewhere) {
        return what + ": row " + number + " should be " + wanted + ", but it is " + got + "."
                + (elsewhere ? " That row is there, but in another place: check the order." : "");
    }

    static String rowMissing(String what, String wanted, String extra) {
        return what + ": the row " + wanted + " is missing"
                + (extra.isEmpty() ? "." : "; there is " + extra + " instead.");
    }

    /** sqlite's message as the end of a sentence: one full stop, whether it had one or not. */
    private static String rows(int count) {
        return count == 1 ? "1 row" : count + " rows";
    }

    /** A case skipped because loading the file never finished in {@code stuckCase}, as it would here. */
    static String notRunAfterStuckLoad(String stuckCase) {
        return "Not run: loading your file never finished in \"" + stuckCase
                + "\", and this test loads it the same way. " + TOP_LEVEL_RUNS_ON_IMPORT;
    }

    /** A program run skipped because the program never finished in {@code stuckCase} before reading any input. */
    static String notRunAfterStuckProgram(String stuckCase) {
        return "Not run: your program never finished in \"" + stuckCase + "\", before it even read its input, so it "
                + "would not finish with this test's input either.";
    }

    /** At the keyboard, a case skipped after {@code stuckCase} ran out of time. */
    static String notRunAfterTimeLimit(String stuckCase) {
        return "Not run: fix the loop first. \"" + stuckCase + "\" was still running when its time ran out, and the "
                + "other tests would most likely wait just as long.";
    }

    /** The harness never started this case: the submission's overall time was spent on the cases before it. */
    static boolean budgetSpentBefore(Observation o) {
        return o.exception().map(e -> e.type().equals("SubmissionTimeout")).orElse(false);
    }

    /**
     * The harness stopped waiting for this case before its own limit: the submission's overall
     * time ran out while it ran (sprout's side waits the case's limit plus a grace otherwise).
     */
    static boolean cutShortByBudget(Observation o, Limits limits) {
        return o.exception().map(e -> e.type().equals("Timeout")).orElse(false)
                && o.elapsedMillis() < limits.wall().toMillis();
    }

    static String notRunBudgetSpent(Limits limits) {
        return "Not run: all the tests of this exercise together may take "
                + seconds(limits.submissionWall().toMillis())
                + ", and the tests before this one used up that time. Make those finish first.";
    }

    static String cutShort(Observation o, Limits limits, String file) {
        return "Stopped after " + roughSeconds(o.elapsedMillis()) + ", before its own limit of "
                + seconds(limits.wall().toMillis()) + ": all the tests of this exercise together may take "
                + seconds(limits.submissionWall().toMillis()) + ", and that time ran out." + where(o, file)
                + " Make the slow tests before it finish first.";
    }

    /** "1.2 seconds", to a tenth. */
    static String roughSeconds(long millis) {
        return seconds(Math.round(millis / 100.0) * 100);
    }

    /** The required modules are not importable, as the harness found when the code ran. */
    static String cannotImport(List<String> required) {
        return "This exercise needs " + String.join(", ", required) + ", which this Python cannot import. "
                + "This is not a problem with your code.";
    }

    /** GraalPy cannot install packages or run C extensions: only a real Python helps. */
    static String missingOnGraalPy(List<String> missing) {
        return "This exercise needs " + String.join(", ", missing)
                + ", which GraalPy (sprout's built-in Python) cannot "
                + "run. Install Python 3.8 or newer"
                + (missing.contains("flask") ? " and Flask (Debian/Ubuntu: `sudo apt-get install python3-flask`)" : "")
                + (missing.contains("psycopg2") || missing.contains("PostgreSQL")
                        ? " with PostgreSQL and psycopg2 (Debian/Ubuntu: `sudo apt install postgresql python3-psycopg2`)"
                        : "")
                + (missing.contains("requests")
                        ? " and requests (Debian/Ubuntu: `sudo apt-get install python3-requests`)"
                        : "")
                + ", then grade again "
                + "(sprout uses it when it finds it, or with `--engine cpython`). This is not a problem with your code.";
    }

    /** @param interpreter the interpreter and sandbox, as {@link dev.sprout.runner.Session#describe()} names them */
    static String missingOnCPython(List<String> missing, String interpreter) {
        if (missing.contains("PostgreSQL") || missing.contains("psycopg2")) {
            return missingPostgres(missing, interpreter);
        }
        return "This exercise needs " + String.join(", ", missing) + ", which is not installed for " + interpreter
                + ". "
                + "Install it with `python3 -m pip install " + String.join(" ", missing) + "`"
                + (missing.contains("flask")
                        ? " (Debian/Ubuntu: `sudo apt-get install python3-flask`, then run sprout "
                                + "with `--python /usr/bin/python3`)"
                        : "")
                + (missing.contains("requests")
                        ? " (Debian/Ubuntu: `sudo apt-get install python3-requests`, then run sprout "
                                + "with `--python /usr/bin/python3`)"
                        : "")
                + ". This is not a problem with your code.";
    }

    /** PostgreSQL (the server's programs) or psycopg2 (its Python driver) is missing: one apt line installs both. */
    static String missingPostgres(List<String> missing, String interpreter) {
        boolean server = missing.contains("PostgreSQL");
        List<String> modules =
                missing.stream().filter(m -> !m.equals("PostgreSQL")).toList();
        String what = server && modules.isEmpty()
                ? "the PostgreSQL database server, which is not installed on this machine"
                : (server ? "the PostgreSQL database server (not installed on this machine) and " : "")
                        + String.join(", ", modules) + ", which is not installed for " + interpreter;
        return "This exercise needs " + what + ". Install them with "
                + "`sudo apt install postgresql python3-psycopg2` (Debian/Ubuntu; then run sprout with "
                + "`--python /usr/bin/python3`), or on another system PostgreSQL from postgresql.org and "
                + "`python3 -m pip install psycopg2-binary`. sprout starts a throwaway server of its own for "
                + "each check: nothing needs to be running. This is not a problem with your code.";
    }

    /** GraalPy cannot load psycopg2 (a C extension) nor start a server. */
    static String postgresNeedsCPython() {
        return "This exercise uses a PostgreSQL database, which GraalPy (sprout's built-in Python) cannot "
                + "reach. Install Python 3.8 or newer with PostgreSQL and psycopg2 (Debian/Ubuntu: "
                + "`sudo apt install postgresql python3-psycopg2`), then grade again with `--engine cpython`. "
                + "This is not a problem with your code.";
    }

    static String noResponse() {
        return "Your app sent no response.";
    }

    /** @param error how the request failed, as the harness's client saw it */
    static String noResponse(Optional<String> error) {
        return error.filter(e -> !e.isBlank())
                .map(e -> "Your app sent no response (" + e + "). Did it crash while answering, or stop?")
                .orElse(noResponse());
    }

    /** "Step 3, POST /notes: expected status 201, but your app answered 200." */
    static String httpStep(int number, String request, String message) {
        String rest = message.isEmpty() ? message : Character.toLowerCase(message.charAt(0)) + message.substring(1);
        return "Step " + number + ", " + request + ": " + rest;
    }

    static String htmlMissing(String select) {
        return "The page has no element matching `" + select + "`.";
    }

    static String htmlCount(String select, int wanted, int got) {
        return "Expected " + wanted + (wanted == 1 ? " element" : " elements") + " matching `" + select
                + "`, but the page has " + got + ".";
    }

    static String htmlText(String select, String mismatch) {
        return "The text of `" + select + "` is not as expected: " + mismatch
                + ". (Text is what a browser shows: `&lt;` shows as <.)";
    }

    static String htmlTexts(String select) {
        return "The elements matching `" + select + "` do not show the expected texts, in this order.";
    }

    static String htmlNoAttribute(String select, String attribute) {
        return "The element matching `" + select + "` has no `" + attribute + "` attribute.";
    }

    static String htmlAttribute(String select, String attribute, String mismatch) {
        return "The `" + attribute + "` of the element matching `" + select + "` is not as expected: " + mismatch + ".";
    }

    /** An http case on GraalPy, whose sandbox has no sockets: it is not run. */
    static String httpNeedsCPython() {
        return "This case starts your web server and talks to it, which GraalPy (sprout's built-in Python) cannot do. "
                + "Install Python 3.8 or newer, then grade again (sprout uses it when it finds it, or with "
                + "`--engine cpython`). This is not a problem with your code.";
    }

    static String wrongStatus(String wanted, int got) {
        return "Expected status " + wanted + ", but your app answered " + got + ".";
    }

    /** "201", "302 or 303", "200, 201 or 204". */
    static String oneOf(List<Integer> statuses) {
        List<String> texts = statuses.stream().map(String::valueOf).toList();
        return texts.size() == 1
                ? texts.get(0)
                : String.join(", ", texts.subList(0, texts.size() - 1)) + " or " + texts.get(texts.size() - 1);
    }

    static String notJson() {
        return "Expected a JSON body, but your app sent something else. Return a dict (or use jsonify) so Flask sends JSON.";
    }

    static String wrongJson() {
        return "The JSON your app sent is not what the exercise asks for.";
    }

    /** @param mismatch how the header differs; empty when it is missing */
    static String wrongHeader(String name, Optional<String> mismatch) {
        return "The " + name + " header is not as expected"
                + mismatch.map(m -> ": " + m + ".").orElse(": it is missing.");
    }

    static String wrongBody(String mismatch) {
        return "The response body is not as expected: " + mismatch + ".";
    }

    /** A source rule, broken: the exercise's own message first when it has one. */
    static String sourceRule(String exerciseMessage, String breach) {
        return exerciseMessage.isBlank() ? breach : exerciseMessage + " (" + breach + ")";
    }

    static String forbiddenCall(int line, String name) {
        return forbidden(line, "calls ", name + "()");
    }

    /** @param method the method's name, as in {@code xs.sort()} */
    static String forbiddenMethodCall(int line, String method) {
        return forbidden(line, "calls the method ", "." + method + "()");
    }

    static String forbiddenImport(int line, String name) {
        return forbidden(line, "imports ", name);
    }

    static String forbiddenConstruct(int line, String name) {
        return forbidden(line, "uses ", name);
    }

    private static String forbidden(int line, String verb, String what) {
        return "line " + line + " " + verb + "`" + what + "`, which this exercise asks you not to use";
    }

    static String missingCall(String name) {
        return required("should call ", name + "()");
    }

    static String missingImport(String name) {
        return required("should import ", name);
    }

    static String missingConstruct(String name) {
        return required("should use ", name);
    }

    static String missingFunction(String name) {
        return required("should define a function ", name + "()");
    }

    private static String required(String verb, String what) {
        return "your file " + verb + "`" + what + "`";
    }

    // ---- stub HTTP services (StubRequestChecker) ----------------------------------------------

    static String stubNoRequest(String api) {
        return "Your code sent no request to " + api + ".";
    }

    static String stubRequestCount(int count) {
        return count == 1 ? "1 request" : count + " requests";
    }

    /** @param first the first request sent, e.g. {@code GET /weather?city=Paris} */
    static String stubWrongCount(String api, int wanted, int got, String first) {
        String sent = "Your code sent " + stubRequestCount(got) + " to " + api + " (the first: " + first + ")";
        return wanted == 0
                ? sent + ", but in this case it should send none."
                : sent + ", but it should send " + (wanted == 1 ? "exactly one." : "exactly " + wanted + ".");
    }

    static String stubNthRequest(int number, int of) {
        return "Request " + number + " of " + of;
    }

    static String stubNoneMatched(int count, String api, String lastProblem) {
        return "None of your " + count + " requests to " + api + " is the one this case expects. " + lastProblem;
    }

    /** @param which e.g. "Your first request"; @param problem one of the stubWrong… fragments */
    static String stubRequestProblem(String which, String api, String request, String problem) {
        return which + " to " + api + " was " + request + ": " + problem + ".";
    }

    static String stubWrongMethod(String method) {
        return "expected a " + method + " request";
    }

    static String stubWrongPath(String path) {
        return "expected the path " + path;
    }

    /** @param query the raw query string the learner's request had */
    static String stubWrongParameter(String name, String value, String query) {
        return "expected a query parameter " + name + "=" + value + ", your request had "
                + (query.isEmpty() ? "no query parameters" : "?" + query)
                + " (pass parameters with `params=`, so they are encoded for you)";
    }

    static String stubUnwantedParameter(String name, String query) {
        return "expected no query parameter " + name + ", your request had ?" + query;
    }

    static String stubMissingHeader(String name) {
        return "expected the header " + name + ", your request did not send it (pass `headers=`)";
    }

    /**
     * @param wanted the whole expected value, when the spec gives one (a text or exact match)
     * @param sent   the value the learner's own request carried
     */
    static String stubWrongHeader(String name, Optional<String> wanted, String sent, String mismatch) {
        String had = "your request sent " + name + ": " + (sent.length() > 200 ? sent.substring(0, 200) + "…" : sent);
        return wanted.map(w -> "expected the header " + name + ": " + w + ", " + had)
                .orElse("its " + name + " header is not as expected: " + mismatch + " (" + had + ")");
    }

    static String stubWrongJson(String wanted, String sent) {
        return "expected the JSON body " + wanted + ", your request sent "
                + (sent.isBlank() ? "no body" : sent.length() > 200 ? sent.substring(0, 200) + "…" : sent)
                + " (pass `json=`)";
    }

    static String stubWrongBody(String mismatch) {
        return "its body is not as expected: " + mismatch;
    }

    /** GraalPy's sandbox has no sockets: a case with a stub API needs a real Python. */
    static String stubNeedsCPython() {
        return "This case sends requests to a stub web API, which GraalPy (sprout's built-in Python) cannot do. "
                + "Install Python 3.8 or newer, then grade again (sprout uses it when it finds it, or with "
                + "`--engine cpython`). This is not a problem with your code.";
    }

    // ---- tests cases (the learner writes tests; MutantChecker) ----------------------------------

    static String testsDidNotLoad(String file, String module) {
        String name = module.endsWith(".py") ? module.substring(0, module.length() - 3) : module;
        return "Your test file " + file + " could not be loaded, so none of its tests ran (the error is below). "
                + "Check the imports at its top (`from " + name + " import ...`) and any code outside your test "
                + "functions.";
    }

    static String testsDidNotLoadForMutant(String file) {
        return "Your test file " + file + " could not be loaded, so it could not check this broken version either. "
                + "Make it load first: see the check that runs your tests against the real module.";
    }

    static String noTestsFound(String file) {
        return "No tests were found in " + file + ": sprout runs functions whose names start with `test` (like "
                + "`def test_empty_cart():`) and the test methods of `unittest.TestCase` classes. Write at least "
                + "one, with an `assert` in it.";
    }

    /** One failing test, for {@link #testsFailOnRealModule}: its name, line and the runner's first words. */
    static String failedTest(String name, OptionalInt line, String message) {
        // the first line: pytest's "+ where …" lines that follow name objects by their address
        String why = message.strip().lines().findFirst().orElse("").strip();
        if (why.length() > 160) {
            why = why.substring(0, 157) + "...";
        }
        return "`" + name + "`" + (line.isPresent() ? " (line " + line.getAsInt() + ")" : "")
                + (why.isEmpty() ? "" : ": " + why);
    }

    static String testsFailOnRealModule(String module, long ran, long failed, List<String> shown, long more) {
        return failed + " of your " + ran + " tests failed against the real " + module + ", which is correct: "
                + "a test that fails on correct code expects the wrong thing. Work out by hand what the code "
                + "should give, and check what the test expects. " + String.join("; ", shown)
                + (more > 0 ? " (and " + more + " more)." : ".");
    }

    /** @param missed the spec's words for what the tests do not check */
    static String mutantMissed(String module, long ran, String missed) {
        return (ran == 1 ? "Your only test" : "All " + ran + " of your tests") + " passed against a broken " + module
                + ": " + sentence(missed) + " Add a test that fails when that goes wrong.";
    }

    static String mutantMissedFailingAnyway(String module, long failed, String missed) {
        return "Against a broken " + module + " only "
                + (failed == 1 ? "a test that also fails" : "tests that also fail")
                + " against the real one failed, so your tests cannot tell the two apart: "
                + sentence(missed) + " Fix the tests that fail on the real module first, then add one for this.";
    }

    static String testsOutOfTimeOnMutant(String module, String missed) {
        return "Your tests were still running when their time ran out against a broken " + module
                + ", so they did not catch it: " + sentence(missed);
    }

    static String testsDidNotFinishOnMutant(String module) {
        return "Your tests did not finish against a broken " + module + " (they ended the program, or used too "
                + "much memory or output), so they did not catch it.";
    }

    private static String sentence(String words) {
        String text = words.strip();
        return text.endsWith(".") || text.endsWith("!") || text.endsWith("?") ? text : text + ".";
    }

    // ---- scenario cases: every message names the step first ------------------------------------

    /** "Step 3, `acc.withdraw(500)`" */
    static String step(int number, String code) {
        return "Step " + number + ", `" + code + "`";
    }

    /** @param value what an {@code eval} step returned instead; empty for a {@code do} step */
    static String stepNotRaised(String step, String wanted, Optional<String> value) {
        return step + ": expected " + wanted + " to be raised, but "
                + value.map(v -> "it returned " + v).orElse("it ran without raising anything") + ".";
    }

    static String stepWrongException(String step, String wanted, Observation.PythonError error) {
        return step + ": expected " + wanted + " to be raised, but your code raised " + error.type()
                + (error.message().isBlank() ? "" : ": " + error.message()) + ".";
    }

    static String stepWrongExceptionMessage(String step, Observation.PythonError error) {
        return step + ": your code raised " + error.type() + " as it should, but its message \"" + error.message()
                + "\" does not match what the exercise asks for.";
    }

    static String stepWrongValue(String step, String wanted, String got, String difference, boolean printedInstead) {
        return step + ": expected " + wanted + ", but it was " + got + " (" + difference + ")."
                + (printedInstead
                        ? " It printed something instead: use `return` to give the value back, not `print`."
                        : "");
    }

    static String stepWrongType(String step, String wanted, String got) {
        return step + ": expected an object of the class " + wanted + " (or of a class based on it), but it was of "
                + "the class " + got + ".";
    }

    static String stepWrongStdout(String step, String problem, boolean truncated) {
        return step + ": what your code printed is not what the exercise asks for: " + problem + "."
                + (truncated ? " (The output was cut short.)" : "");
    }

    /** A step raised when it should not have: the learner's exception, with the usual advice. */
    static String stepRaised(String step, Observation.PythonError error) {
        return step + ": "
                + objectAdvice(error)
                        .map(advice -> exception(error, false) + advice)
                        .orElseGet(() -> exception(error));
    }

    /** The input() advice only where a string met a number; a wrong call gets advice about calls. */
    private static String typeErrorAdvice(String message) {
        if (message.contains("missing") && message.contains("required positional argument")) {
            return " A function was called with fewer arguments than its `def` lists: compare the call with "
                    + "the parameters.";
        }
        if (message.contains("str")) {
            return " Check the types: `input()` always gives a string; convert it with int() or float().";
        }
        return " A value of the wrong type was used: the message says which types met.";
    }

    private static final Pattern WRONG_ARGUMENT_COUNT =
            Pattern.compile("takes \\d+ positional arguments? but \\d+ (were|was) given");

    /** Advice for the usual mistakes with classes, which scenarios meet more than the general advice. */
    private static Optional<String> objectAdvice(Observation.PythonError error) {
        if (error.type().equals("TypeError") && error.message().contains("abstract class")) {
            return Optional.of(" A class cannot be created while it has an @abstractmethod it does not define: "
                    + "define each one, with exactly the name the parent gives it.");
        }
        if (error.type().equals("TypeError") && error.message().endsWith("() takes no arguments")) {
            return Optional.of(" The class has no `__init__` that takes them: check its spelling, two underscores "
                    + "on each side (`def __init__(self, ...):`).");
        }
        if (error.type().equals("TypeError")
                && WRONG_ARGUMENT_COUNT.matcher(error.message()).find()) {
            return Optional.of(
                    " If it is a method, check that its first parameter is `self`: " + "`def deposit(self, amount):`.");
        }
        if (error.type().equals("AttributeError") && error.message().contains("object has no attribute")) {
            return Optional.of(" An attribute exists once something sets it, usually `self.name = ...` in "
                    + "`__init__`. In a subclass, call `super().__init__(...)` so the parent sets its own.");
        }
        return Optional.empty();
    }

    static String stepExited(String step) {
        return step + ": your code called exit() (or sys.exit()), which ends the whole program. "
                + "Use `return` to give back a value, or raise an exception to report a problem.";
    }

    static String stepNotSeen(String step) {
        return "sprout could not run this case: it has no report of "
                + step.substring(0, 1).toLowerCase(Locale.ROOT) + step.substring(1) + ".";
    }

    /** A source-rule breach in one file of a package: "inventory/report.py, line 3 calls …". */
    static String inFile(String file, String breach) {
        return file + ", " + breach;
    }

    /** An ImportError while a package exercise's package was being imported for a check. */
    static String packageImportFailed() {
        return "It happened while the checker was importing your package. Check the import lines: inside the "
                + "package, import its own modules with a dot (`from .models import Item`), and make sure two "
                + "modules do not import each other (a circular import).";
    }

    /** GraalPy cannot import a package exercise's folder: the cases need CPython. */
    static String packageNeedsCPython(String entry) {
        return "This exercise's code is a package (the folder " + entry + "), and sprout runs packages with "
                + "CPython only: install Python 3 (python.org) and check again, or use --engine cpython.";
    }
}
