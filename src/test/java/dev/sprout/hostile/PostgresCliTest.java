package dev.sprout.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * PostgreSQL exercises through the real CLI on tier A, as root (initdb through setpriv, the server
 * as the sandbox's nobody) and as GitHub's runner user, uid 1001 (initdb as that user): each run
 * makes its own template cache (cold), grades, and leaves no server behind, also when stopped with
 * Ctrl-C in the middle of a case. Skipped where PostgreSQL or psycopg2 is missing.
 */
class PostgresCliTest {

    private static final String SPEC = """
            version: 1
            entry: shop.py
            requires: [psycopg2]
            postgresql: {setup: setup.sql}
            tasks:
              - name: shop
                cases:
                  - name: adds an item
                    call: add
                    args: ["Ana's mug"]
                    expect:
                      value: 2
                      db: {queries: [{sql: "SELECT name FROM items ORDER BY id", rows: [[Pen], ["Ana's mug"]]}]}
                  - name: counts the items
                    call: count
                    expect: {value: 1}
            """;

    private static final String SHOP = """
            import os, time, psycopg2
            SLOW = False
            def add(name):
                conn = psycopg2.connect(os.environ['DATABASE_URL'])
                with conn.cursor() as cur:
                    cur.execute('INSERT INTO items (name) VALUES (%s) RETURNING id', (name,))
                    new = cur.fetchone()[0]
                conn.commit()
                return new
            def count():
                conn = psycopg2.connect(os.environ['DATABASE_URL'])
                with conn.cursor() as cur:
                    cur.execute('SELECT count(*) FROM items')
                    n = cur.fetchone()[0]
                if SLOW:
                    print('working', flush=True)
                    time.sleep(60)
                return n
            """;

    private final List<Path> trees = new ArrayList<>();

    static Stream<SproutCli> users() {
        return Stream.of(SproutCli.asCurrentUser(), SproutCli.asUser(SproutCli.RUNNER_UID));
    }

    @BeforeAll
    static void machine() {
        assumeTrue(Files.isDirectory(Path.of("/usr/lib/postgresql")), "PostgreSQL is not installed");
    }

    @AfterEach
    void removeTrees() {
        trees.forEach(dir -> FileUtils.deleteQuietly(dir.toFile()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("users")
    void gradesOnAFreshServerMadeFromAColdTemplateAndLeavesNoServer(SproutCli cli) throws Exception {
        Set<Long> before = servers();
        Path root = tree(cli, false);

        SproutCli.Result r = cli.run(root, Duration.ofSeconds(120), cache(root), grade());

        assertThat(r.out()).as(r.err()).contains("ana,shop,pass,2,2");
        assertThat(root.resolve("cache/sprout"))
                .isDirectoryContaining(p -> p.getFileName().toString().startsWith("postgresql-"));
        awaitGone(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("users")
    void ctrlCInTheMiddleOfACaseLeavesNoServer(SproutCli cli) throws Exception {
        Set<Long> before = servers();
        Path root = tree(cli, true);

        Process sprout = cli.start(root, cache(root), grade());
        CompletableFuture<String> err = SproutCli.drain(sprout.getErrorStream());
        SproutCli.drain(sprout.getInputStream());
        long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (servers().stream().allMatch(before::contains) && sprout.isAlive() && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        assumeTrue(sprout.isAlive(), "sprout finished before the signal: " + err.getNow(""));
        Thread.sleep(1500); // into the slow case
        Set<Long> running = servers();
        running.removeAll(before);
        assertThat(running).as("the submission's server runs").isNotEmpty();
        SproutCli.signal(sprout, "INT");

        assertThat(sprout.waitFor(30, TimeUnit.SECONDS))
                .as("sprout stops on Ctrl-C")
                .isTrue();
        awaitGone(before);
        assertThat(running)
                .as("the server and its processes end")
                .noneMatch(
                        pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("users")
    void withoutPostgresqlEveryCaseIsAMissingDependency(SproutCli cli) throws Exception {
        Path root = tree(cli, false);
        Path empty = Files.createDirectories(root.resolve("no-postgresql"));
        cli.handOver(root);

        String[] args = grade();
        args[args.length - 1] = "mentor-json";
        SproutCli.Result r = cli.run(root, Duration.ofSeconds(90), Map.of("SPROUT_POSTGRESQL", empty.toString()), args);

        assertThat(r.out())
                .as(r.err())
                .contains("\"sprout_status\" : \"missing-dependency\"")
                .contains("sudo apt install postgresql python3-psycopg2")
                .doesNotContain("\"sprout_status\" : \"passed\"");
    }

    private Path tree(SproutCli cli, boolean slow) throws Exception {
        Path root = cli.newTree();
        trees.add(root);
        Path grader = Files.createDirectories(root.resolve("pack/graders/01-db/01-shop"));
        Files.writeString(grader.resolve("grader.yaml"), SPEC);
        Files.writeString(
                grader.resolve("setup.sql"),
                "CREATE TABLE items (id SERIAL PRIMARY KEY, name TEXT NOT NULL);\n"
                        + "INSERT INTO items (name) VALUES ('Pen');\n");
        Files.createDirectories(root.resolve("pack/exercises/01-db/01-shop"));
        Path ana = Files.createDirectories(root.resolve("cohort/ana/exercises/01-db/01-shop"));
        Files.writeString(ana.resolve("shop.py"), slow ? SHOP.replace("SLOW = False", "SLOW = True") : SHOP);
        cli.handOver(root);
        return root;
    }

    private static Map<String, String> cache(Path root) {
        return Map.of("XDG_CACHE_HOME", root.resolve("cache").toString());
    }

    private static String[] grade() {
        return new String[] {
            "grade", "--batch", "cohort", "shop", "--pack", "pack", "--sandbox", "bwrap", "--format", "csv"
        };
    }

    /** Pids of the PostgreSQL servers sprout started (their data folder is a submission's) and their processes. */
    private static Set<Long> servers() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(".sprout-postgresql"))
                .flatMap(p -> Stream.concat(Stream.of(p), p.descendants()))
                .map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }

    private static void awaitGone(Set<Long> before) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Set<Long> left = Set.of();
        while (System.nanoTime() < until) {
            left = servers().stream().filter(pid -> !before.contains(pid)).collect(Collectors.toSet());
            if (left.isEmpty()) {
                return;
            }
            Thread.sleep(50);
        }
        assertThat(left).as("PostgreSQL processes left running").isEmpty();
    }
}
