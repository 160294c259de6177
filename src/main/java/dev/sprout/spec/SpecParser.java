package dev.sprout.spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.sprout.value.PyValue;

/** Reads and validates {@code grader.yaml} files; the format is documented in docs/grader-spec.md. */
public final class SpecParser {

    public static final int FORMAT_VERSION = 1;
    private static final List<String> KINDS =
            List.of("call", "expr", "run", "source", "http", "sql", "tests", "scenario");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private static final int CACHED_SPECS = 256;
    /**
     * Specs already parsed, by file, default id and exact text: a batch or a watch session grades
     * the same few exercises again and again, and the JUnit discovery of each grading reads the
     * spec again. Specs are immutable, so sharing them is safe; a changed file is parsed afresh.
     */
    private static final Map<List<Object>, GraderSpec> PARSED =
            Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<List<Object>, GraderSpec> eldest) {
                    return size() > CACHED_SPECS;
                }
            });

    private SpecParser() {}

    /** @param defaultId the id to use when the spec sets none (the folder slug) */
    public static GraderSpec parse(Path file, String defaultId) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SpecException(file, 0, "", "cannot read the file: " + e.getMessage());
        }
        List<Object> key = List.of(file.toAbsolutePath().normalize(), defaultId, text);
        GraderSpec known = PARSED.get(key);
        if (known != null && known.file().equals(file)) {
            return known;
        }
        GraderSpec spec = parse(file, defaultId, text);
        PARSED.put(key, spec);
        return spec;
    }

    /**
     * What the top of a spec sets for every case: a new exercise-level setting is a field here,
     * not one more parameter down the parse.
     */
    private record ExerciseLevel(
            Path file,
            Optional<Stub> stub,
            Optional<SqlSpecs.Setup> sqlSetup,
            Optional<String> module,
            Optional<Postgres> postgres) {}

    public static GraderSpec parse(Path file, String defaultId, String text) {
        YamlTree tree = YamlTree.parse(file, text);
        SpecNode root = SpecNode.root(file, tree);
        if (root.json() == null || root.json().isMissingNode() || root.json().isNull()) {
            throw new SpecException(file, 1, "", "the file is empty");
        }
        root.allowOnly(
                "version",
                "id",
                "title",
                "entry",
                "place",
                "requires",
                "limits",
                "hints",
                "tasks",
                "stub",
                "setup",
                "database",
                "module",
                "postgresql");
        int version = root.require("version").integer();
        if (version != FORMAT_VERSION) {
            throw root.get("version").fail("this sprout reads version " + FORMAT_VERSION + " specs, not " + version);
        }
        String id = root.opt("id").map(SpecNode::nonBlankText).orElse(defaultId);
        String entry = root.require("entry").nonBlankText();
        if (entry.endsWith("/")) {
            PackageSpecs.checkEntry(root.get("entry"), entry);
        } else if (!(entry.endsWith(".py") || entry.endsWith(".sql"))
                || entry.contains("..")
                || entry.startsWith("/")) {
            throw root.get("entry")
                    .fail("must be a .py file (or a .sql file for sql cases) inside the exercise folder, e.g. "
                            + "calculator.py, or a package folder ending in /");
        }
        Optional<SqlSpecs.Setup> sqlSetup = SqlSpecs.setup(file, root);
        String title = root.opt("title").map(SpecNode::nonBlankText).orElse(id);
        GraderSpec.Place place = root.opt("place").map(SpecParser::place).orElse(GraderSpec.Place.NOWHERE);
        List<String> requires = root.opt("requires").map(SpecNode::textList).orElse(List.of());
        GraderSpec.LimitOverrides limits =
                root.opt("limits").map(SpecParser::limits).orElse(GraderSpec.LimitOverrides.NONE);
        List<String> hints = root.opt("hints").map(SpecNode::textList).orElse(List.of());
        Optional<Stub> stub = root.opt("stub").map(StubSpecs::stub);
        Optional<String> module = TestsSpecs.module(root, entry);
        Optional<Postgres> postgres = PostgresSpecs.exercise(file, root);

        List<SpecNode> taskNodes = root.require("tasks").elements();
        if (taskNodes.isEmpty()) {
            throw root.get("tasks").fail("needs at least one task");
        }
        List<Task> tasks = new ArrayList<>();
        Set<String> caseNames = new HashSet<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < taskNodes.size(); i++) {
            tasks.add(task(
                    i + 1,
                    taskNodes.get(i),
                    caseNames,
                    lines,
                    new ExerciseLevel(file, stub, sqlSetup, module, postgres)));
        }
        SqlSpecs.checkEntry(root, entry, sqlSetup, requires, tasks);
        PostgresSpecs.checkRequires(root, requires, tasks);
        if (!requires.contains("sqlite3")
                && tasks.stream()
                        .flatMap(t -> t.cases().stream())
                        .anyMatch(c -> c.expect()
                                .db()
                                .filter(db -> !db.file().isEmpty())
                                .isPresent())) {
            // GraalPy has no sqlite3: with it required, every case there says so instead of failing oddly
            throw root.opt("requires").orElse(root).fail("cases that check a database need 'requires: [sqlite3]'");
        }
        TestsSpecs.checkOrder(
                root,
                taskNodes.stream()
                        .flatMap(t -> t.require("cases").elements().stream())
                        .toList(),
                tasks.stream().flatMap(t -> t.cases().stream()).toList());
        PackageSpecs.checkCases(root, entry, taskNodes);
        return new GraderSpec(file, id, title, entry, place, requires, limits, hints, tasks);
    }

    private static GraderSpec.Place place(SpecNode node) {
        node.allowOnly("phase", "month", "week", "day");
        return new GraderSpec.Place(
                node.opt("phase").map(SpecNode::integer),
                node.opt("month").map(SpecNode::integer),
                node.opt("week").map(SpecNode::integer),
                node.opt("day").map(SpecNode::nonBlankText));
    }

    private static GraderSpec.LimitOverrides limits(SpecNode node) {
        node.allowOnly("cpu", "wall", "memory_mb", "output_kb");
        return new GraderSpec.LimitOverrides(
                node.opt("cpu").map(n -> positive(n, n.number())),
                node.opt("wall").map(n -> positive(n, n.number())),
                node.opt("memory_mb").map(n -> (long) positive(n, n.integer()) << 20),
                node.opt("output_kb").map(n -> (long) positive(n, n.integer()) << 10));
    }

    private static <T extends Number> T positive(SpecNode node, T value) {
        if (value.doubleValue() <= 0) {
            throw node.fail("must be more than 0");
        }
        return value;
    }

    private static Task task(int number, SpecNode node, Set<String> caseNames, String[] lines, ExerciseLevel exercise) {
        node.allowOnly("name", "cases");
        String name = node.require("name").nonBlankText();
        List<SpecNode> caseNodes = node.require("cases").elements();
        if (caseNodes.isEmpty()) {
            throw node.get("cases").fail("needs at least one case");
        }
        List<Case> cases = new ArrayList<>();
        for (SpecNode caseNode : caseNodes) {
            Case parsed = caseOf(caseNode, lines, exercise);
            for (Case one : GeneratedSpecs.expand(parsed)) {
                if (!caseNames.add(one.name())) {
                    throw caseNode.get("name").fail("another case is already named '" + one.name() + "'");
                }
                cases.add(one);
            }
        }
        return new Task(number, name, cases);
    }

    private static Case caseOf(SpecNode node, String[] lines, ExerciseLevel exercise) {
        node.allowOnly(
                "name",
                "points",
                "hidden",
                "timeout",
                "hint",
                "call",
                "args",
                "kwargs",
                "expr",
                "run",
                "source",
                "http",
                "stdin",
                "files",
                "expect",
                "stub",
                "sql",
                "tests",
                "describe",
                "scenario",
                "import",
                "generate",
                "postgresql");
        String name = node.require("name").nonBlankText();
        if (name.contains(",")) {
            throw node.get("name").fail("case names cannot contain commas (known-bad fixtures list them with commas)");
        }
        List<String> kinds = KINDS.stream().filter(node::has).toList();
        if (kinds.size() != 1) {
            throw node.fail(
                    kinds.isEmpty()
                            ? "say what the case runs with one of: " + String.join(", ", KINDS)
                            : "a case runs one thing, but this one has " + String.join(" and ", kinds));
        }
        String kind = kinds.get(0);
        int points = node.opt("points")
                .map(n -> {
                    int value = n.integer();
                    if (value < 0) {
                        throw n.fail("points cannot be negative");
                    }
                    return value;
                })
                .orElse(1);
        boolean hidden = node.opt("hidden").map(SpecNode::bool).orElse(false);
        Optional<Duration> timeout =
                node.opt("timeout").map(n -> Duration.ofMillis(Math.round(positive(n, n.number()) * 1000)));
        Optional<String> hint = node.opt("hint").map(SpecNode::nonBlankText);
        String stdin = node.opt("stdin").map(SpecNode::text).orElse("");
        Map<String, String> files = node.opt("files").map(SpecParser::files).orElse(Map.of());

        if (!kind.equals("call") && (node.has("args") || node.has("kwargs"))) {
            throw node.get(node.has("args") ? "args" : "kwargs").fail("only 'call' cases take arguments");
        }
        Action action = switch (kind) {
            case "call" -> node.has("generate") ? GeneratedSpecs.generated(node) : call(node);
            case "expr" -> new Action.Expr(node.get("expr").nonBlankText(), PackageSpecs.module(node));
            case "run" -> run(node.get("run"));
            case "source" -> new Action.Source(sourceRules(node.get("source")));
            case "sql" -> SqlSpecs.sql(node, exercise.sqlSetup());
            case "tests" -> TestsSpecs.tests(node, exercise.module(), exercise.file());
            case "scenario" -> ScenarioSpecs.scenario(node.get("scenario"));
            default -> HttpSpecs.http(node);
        };
        if (action instanceof Action.Run && node.get("run").json().isObject()) {
            // run cases may keep stdin and files inside run: {...} as well as beside it
            SpecNode run = node.get("run");
            stdin = run.opt("stdin").map(SpecNode::text).orElse(stdin);
            Map<String, String> merged = new LinkedHashMap<>(files);
            run.opt("files").map(SpecParser::files).ifPresent(merged::putAll);
            files = merged;
        }
        if (kind.equals("tests") && node.has("expect")) {
            throw node.get("expect")
                    .fail("tests cases take no 'expect': the learner's tests must pass on the real module and fail "
                            + "on each mutant");
        }
        if (kind.equals("scenario") && node.has("expect")) {
            // only what the whole scenario left behind is checked on the case: its database
            SpecParser.onlyDatabase(
                    node.get("expect"), "a scenario's expectations go on its steps: '- eval: ...' then 'expect: ...'");
        }
        if (node.has("generate") && !kind.equals("call")) {
            throw node.get("generate").fail("generated inputs are arguments: use 'generate' with a 'call' case");
        }
        Expectation expect = action instanceof Action.Generated
                ? GeneratedSpecs.expectation(node.opt("expect"))
                : node.opt("expect")
                        .map(n -> ExpectationReader.read(n, kind, action instanceof Action.Sql sql ? sql.query() : ""))
                        .orElseGet(() -> ExpectationReader.none(kind));
        if (!kind.equals("tests") && node.has("describe")) {
            throw node.get("describe").fail("only mutant cases ('tests: {mutant: …}') take 'describe'");
        }
        if (kind.equals("source") && node.has("expect")) {
            throw node.get("expect").fail("source cases take no 'expect': the rules are the expectation");
        }
        if (!kind.equals("source")
                && !node.has("expect")
                && !kind.equals("run")
                && !kind.equals("tests")
                && !kind.equals("scenario")
                && !(action instanceof Action.Http http && http.stepped())
                && !(action instanceof Action.Generated)) {
            throw node.fail("'expect' is missing: say what the case must observe");
        }
        Optional<Stub> stub = stub(node, kind, expect, exercise.stub());
        Optional<Postgres> postgres = PostgresSpecs.forCase(exercise.file(), node, kind, exercise.postgres());
        Optional<DatabaseCheck> db = expect.db();
        if (db.isPresent() && db.get().file().isEmpty() && postgres.isEmpty()) {
            throw node.get("expect").get("db").fail("say which SQLite file to look into: 'file: library.db'");
        }
        if (db.isPresent() && !db.get().file().isEmpty() && postgres.isPresent()) {
            throw node.get("expect")
                    .get("db")
                    .get("file")
                    .fail("this case's database is PostgreSQL: leave 'file:' out to look into it");
        }
        return new Case(
                name,
                node.line(),
                points,
                hidden,
                timeout,
                hint,
                action,
                stdin,
                files,
                expect,
                sourceText(node, lines),
                stub,
                postgres);
    }

    /** A stepped case's own {@code expect} holds only {@code db:}, checked after the last step. */
    static void onlyDatabase(SpecNode expect, String advice) {
        Optional<String> stepKey =
                expect.entries().keySet().stream().filter(k -> !k.equals("db")).findFirst();
        if (stepKey.isPresent()) {
            throw expect.get(stepKey.get())
                    .fail(advice + " (only 'db:' goes on the case, checked after the last step)");
        }
    }

    /** The case's own stub, else the exercise's for the kinds that run the learner's code. */
    private static Optional<Stub> stub(SpecNode node, String kind, Expectation expect, Optional<Stub> defaultStub) {
        boolean runsCode = kind.equals("call") || kind.equals("expr") || kind.equals("run");
        if (node.has("stub") && !runsCode) {
            throw node.get("stub").fail("a stub API serves call, expr and run cases, not " + kind + " cases");
        }
        Optional<Stub> stub = node.opt("stub").map(StubSpecs::stub).or(() -> runsCode ? defaultStub : Optional.empty());
        if (expect.requests().isPresent() && stub.isEmpty()) {
            throw node.get("expect")
                    .get("requests")
                    .fail("'requests' checks what the code sent to a stub API: add a 'stub:' with its routes"
                            + " (to the case, or at the top of the file for every case)");
        }
        return stub;
    }

    private static Action.Call call(SpecNode node) {
        String function = node.get("call").nonBlankText();
        if (!IDENTIFIER.matcher(function).matches()) {
            throw node.get("call")
                    .fail("'" + function + "' is not a Python function name; use an 'expr' case for expressions");
        }
        List<PyValue> args = node.opt("args").map(ValueReader::readAll).orElse(List.of());
        Map<String, PyValue> kwargs = new LinkedHashMap<>();
        node.opt("kwargs")
                .ifPresent(k -> k.entries().forEach((key, value) -> kwargs.put(key, ValueReader.read(value))));
        return new Action.Call(function, args, kwargs, PackageSpecs.module(node));
    }

    private static Action.Run run(SpecNode node) {
        if (node.json().isBoolean() && node.json().asBoolean()) {
            return new Action.Run(List.of(), Map.of());
        }
        node.allowOnly("stdin", "argv", "env", "files");
        List<String> argv = node.opt("argv").map(SpecNode::textList).orElse(List.of());
        Map<String, String> env = new LinkedHashMap<>();
        node.opt("env").ifPresent(e -> e.entries().forEach((k, v) -> env.put(k, v.text())));
        return new Action.Run(argv, env);
    }

    private static SourceRules sourceRules(SpecNode node) {
        node.allowOnly(
                "forbid_calls",
                "require_calls",
                "forbid_imports",
                "require_imports",
                "forbid_constructs",
                "require_constructs",
                "require_functions",
                "message");
        List<String> forbidConstructs = constructs(node, "forbid_constructs");
        List<String> requireConstructs = constructs(node, "require_constructs");
        SourceRules rules = new SourceRules(
                SourceCalls.names(node, "forbid_calls"),
                SourceCalls.names(node, "require_calls"),
                node.opt("forbid_imports").map(SpecNode::textList).orElse(List.of()),
                node.opt("require_imports").map(SpecNode::textList).orElse(List.of()),
                forbidConstructs,
                requireConstructs,
                node.opt("require_functions").map(SpecNode::textList).orElse(List.of()),
                node.opt("message").map(SpecNode::nonBlankText).orElse(""));
        if (rules.forbidCalls().isEmpty()
                && rules.requireCalls().isEmpty()
                && rules.forbidImports().isEmpty()
                && rules.requireImports().isEmpty()
                && forbidConstructs.isEmpty()
                && requireConstructs.isEmpty()
                && rules.requireFunctions().isEmpty()) {
            throw node.fail("a source case needs at least one rule");
        }
        return rules;
    }

    private static List<String> constructs(SpecNode node, String key) {
        if (!node.has(key)) {
            return List.of();
        }
        List<String> names = node.get(key).textList();
        for (String name : names) {
            if (!SourceRules.CONSTRUCTS.contains(name)) {
                throw node.get(key)
                        .fail("'" + name + "' is not a construct sprout knows; use one of "
                                + String.join(", ", SourceRules.CONSTRUCTS));
            }
        }
        return names;
    }

    static Map<String, String> files(SpecNode node) {
        Map<String, String> files = new LinkedHashMap<>();
        node.entries().forEach((name, content) -> {
            if (name.contains("..") || name.startsWith("/") || name.isBlank()) {
                throw content.fail("file names must stay inside the working directory");
            }
            files.put(name, content.text());
        });
        return files;
    }

    static Optional<Pattern> regex(SpecNode node) {
        try {
            return Optional.of(Pattern.compile(node.text()));
        } catch (PatternSyntaxException e) {
            throw node.fail("not a valid regular expression: " + e.getDescription());
        }
    }

    static OptionalInt optionalInt(Optional<SpecNode> node) {
        return node.map(n -> OptionalInt.of(n.integer())).orElse(OptionalInt.empty());
    }

    /** The case's lines as written, for Exercism's test_code. */
    private static String sourceText(SpecNode node, String[] lines) {
        int first = node.line() - 1;
        if (first < 0 || first >= lines.length) {
            return "";
        }
        String firstLine = lines[first];
        int indent = firstLine.indexOf("- ") >= 0
                ? firstLine.indexOf("- ")
                : firstLine.length() - firstLine.stripLeading().length();
        StringBuilder out = new StringBuilder(firstLine.substring(Math.min(indent, firstLine.length()))).append('\n');
        for (int i = first + 1; i < lines.length; i++) {
            String line = lines[i];
            int lineIndent = line.length() - line.stripLeading().length();
            if (!line.isBlank() && lineIndent <= indent) {
                break;
            }
            out.append(line.length() > indent ? line.substring(indent) : line.strip())
                    .append('\n');
        }
        return out.toString().stripTrailing();
    }
}
