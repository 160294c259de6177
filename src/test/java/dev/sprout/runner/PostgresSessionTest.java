package dev.sprout.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sprout.sandbox.Limits;
import dev.sprout.sandbox.Sandbox;
import dev.sprout.sandbox.Sandboxes;
import dev.sprout.sandbox.Tier;
import dev.sprout.spec.Case;
import dev.sprout.spec.GraderSpec;
import dev.sprout.spec.SpecParser;
import dev.sprout.value.PyValue;

/**
 * A submission's PostgreSQL server, for real: the machine's PostgreSQL, /usr/bin/python3 with
 * psycopg2, and bubblewrap (tier A). Skipped where one of them is missing.
 */
class PostgresSessionTest {

    private static final String SPEC = """
            version: 1
            entry: shop.py
            requires: [psycopg2]
            postgresql: {setup: setup.sql}
            tasks:
              - name: PostgreSQL
                cases:
                  - name: the URL
                    expr: "url()"
                    expect: {value: x}
                  - name: saves a row
                    expr: "add('Ana''s mug')"
                    expect:
                      value: null
                      db: {queries: [{sql: "SELECT name FROM items ORDER BY id", rows: [[Pen], ["Ana's mug"]]}]}
                  - name: a fresh database
                    expr: "count()"
                    expect: {value: 1}
                  - name: another server
                    expr: "reach(OTHER)"
                    expect: {value: x}
                  - name: an empty database
                    postgresql: {}
                    expr: "tables()"
                    expect: {value: []}
            """;

    private static final String SHOP = """
            import os, psycopg2
            OTHER = open('other.txt').read().strip() if os.path.exists('other.txt') else ''
            def url():
                return os.environ['DATABASE_URL']
            def add(name):
                conn = psycopg2.connect(os.environ['DATABASE_URL'])
                with conn.cursor() as cur:
                    cur.execute('INSERT INTO items (name) VALUES (%s)', (name,))
                conn.commit()
            def count():
                conn = psycopg2.connect(os.environ['DATABASE_URL'])
                with conn.cursor() as cur:
                    cur.execute('SELECT count(*) FROM items')
                    return cur.fetchone()[0]
            def reach(other):
                try:
                    psycopg2.connect(other, connect_timeout=2).close()
                    return 'reached'
                except psycopg2.OperationalError as e:
                    return 'refused: ' + str(e).strip()
            def tables():
                conn = psycopg2.connect(os.environ['DATABASE_URL'])
                with conn.cursor() as cur:
                    cur.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
                    return cur.fetchall()
            """;

    private static Optional<PostgresInstall> install;
    private static Sandbox bwrap;

    @TempDir
    static Path cache;

    @TempDir
    Path dir;

    @BeforeAll
    static void machine() {
        install = PostgresInstall.find(System.getenv());
        assumeTrue(install.isPresent(), "PostgreSQL is not installed");
        bwrap = Sandboxes.choose("auto");
        assumeTrue(bwrap.tier() == Tier.BWRAP, "bubblewrap is not usable here");
    }

    @Test
    void eachCaseGetsAFreshDatabaseInDatabaseUrlAndTheServerLeavesNoProcess() throws IOException {
        Set<Long> before = servers();
        GraderSpec spec = write(dir);
        try (Session session = open(spec, dir, Optional.of(install.get()))) {
            assertThat(session.missingModules()).isEmpty();
            assertThat(session.load()).isEmpty();
            Observation url = session.run(named(spec, "the URL"), Limits.DEFAULTS);
            assertThat(url.value().orElseThrow()).isInstanceOf(PyValue.PyStr.class);
            String address = ((PyValue.PyStr) url.value().get()).value();
            // a unix socket in the sandbox's own scratch folder: no host, no port
            assertThat(address).startsWith("postgresql://sprout@/sprout?host=/").contains(".sprout-postgresql");
            assertThat(servers()).hasSizeGreaterThan(before.size());

            Observation saved = session.run(named(spec, "saves a row"), Limits.DEFAULTS);
            assertThat(saved.status()).isEqualTo(Observation.Status.RETURNED);
            assertThat(saved.database().orElseThrow().queries().get(0).rows()).hasSize(2);

            // the row saved by the case before is gone: only the setup's row is there
            Observation fresh = session.run(named(spec, "a fresh database"), Limits.DEFAULTS);
            assertThat(fresh.value()).contains(new PyValue.PyInt(java.math.BigInteger.ONE));

            Observation empty = session.run(named(spec, "an empty database"), Limits.DEFAULTS);
            assertThat(empty.value().orElseThrow().toString()).contains("[]");
        }
        awaitGone(before);
    }

    @Test
    void learnerCodeCannotReachAnotherSubmissionsServer() throws IOException {
        Set<Long> before = servers();
        Path first = Files.createDirectories(dir.resolve("first"));
        Path second = Files.createDirectories(dir.resolve("second"));
        GraderSpec spec = write(first);
        write(second);
        try (Session a = open(spec, first, install)) {
            assertThat(a.load()).isEmpty();
            String address = ((PyValue.PyStr) a.run(named(spec, "the URL"), Limits.DEFAULTS)
                            .value()
                            .orElseThrow())
                    .value();
            Files.writeString(second.resolve("other.txt"), address);
            try (Session b = open(spec, second, install)) {
                assertThat(b.load()).isEmpty();
                Observation reach = b.run(named(spec, "another server"), Limits.DEFAULTS);
                assertThat(reach.value().orElseThrow().toString())
                        .contains("refused")
                        .containsAnyOf("No such file or directory", "could not connect");
            }
        }
        awaitGone(before);
    }

    @Test
    void withoutPostgresqlTheSubmissionSaysWhatIsMissing() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("no-postgres-here"));
        GraderSpec spec = write(dir);
        try (Session session = open(spec, dir, PostgresInstall.find(List.of(empty)))) {
            assertThat(session.missingModules()).containsExactly(PostgresServer.MISSING);
        }
    }

    private static Session open(GraderSpec spec, Path learner, Optional<PostgresInstall> postgres) {
        InterpreterFinder finder = new InterpreterFinder(Optional.of("/usr/bin/python3"), System.getenv());
        CPythonEngine engine = new CPythonEngine(finder, bwrap, () -> postgres, cache);
        return engine.open(new Submission(
                learner, spec.entry(), spec.requires(), Limits.DEFAULTS, Optional.empty(), spec.usesPostgres()));
    }

    private static GraderSpec write(Path folder) throws IOException {
        Files.writeString(folder.resolve("shop.py"), SHOP);
        Files.writeString(
                folder.resolve("setup.sql"),
                "CREATE TABLE items (id SERIAL PRIMARY KEY, name TEXT NOT NULL);\n"
                        + "INSERT INTO items (name) VALUES ('Pen');\n");
        return SpecParser.parse(folder.resolve("grader.yaml"), "shop", SPEC);
    }

    private static Case named(GraderSpec spec, String name) {
        return spec.cases().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    /** Pids of the PostgreSQL servers sprout started (their data folder is a submission's) and their processes. */
    static Set<Long> servers() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(".sprout-postgresql"))
                .flatMap(p -> Stream.concat(Stream.of(p), p.descendants()))
                .map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }

    /** Closing is asynchronous (Closer): the servers started since {@code before} end within seconds. */
    static void awaitGone(Set<Long> before) {
        long until = System.nanoTime() + 10_000_000_000L;
        Set<Long> left = Set.of();
        while (System.nanoTime() < until) {
            left = Stream.of(servers())
                    .flatMap(Set::stream)
                    .filter(pid -> !before.contains(pid))
                    .collect(Collectors.toSet());
            if (left.isEmpty()) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        assertThat(left).as("PostgreSQL processes left running").isEmpty();
    }
}
