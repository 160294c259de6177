package dev.sprout.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.sprout.sandbox.Limits;
import dev.sprout.spec.Case;
import dev.sprout.spec.GraderSpec;
import dev.sprout.spec.SpecParser;
import dev.sprout.value.PyValue;

/**
 * Drives harness.py as a real process over its JSON-lines protocol (docs/harness-protocol.md),
 * with tiny learner files written per test. Limits are short so the whole class stays fast.
 */
class HarnessProtocolTest {

    private static final Path HARNESS = Path.of("src/main/resources/dev/sprout/runner/harness.py");
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String LIMITS = "{\"cpu_s\":2,\"wall_s\":3,\"memory_bytes\":268435456,\"output_bytes\":65536,"
            + "\"file_bytes\":1048576,\"nproc\":64}";

    @TempDir
    Path source;

    @TempDir
    Path scratch;

    private Process process;
    private OutputStream requests;
    private BufferedReader replies;

    @BeforeEach
    void requirePython() {
        assumeTrue(Files.isExecutable(PYTHON), "needs " + PYTHON);
    }

    @AfterEach
    void stopHarness() throws InterruptedException {
        if (process != null) {
            try {
                requests.write("{\"op\":\"bye\"}\n".getBytes(StandardCharsets.UTF_8));
                requests.close();
            } catch (IOException alreadyGone) {
                // the harness died: the test has said so
            }
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void answersHelloWithTheInterpreterItRunsOn() throws Exception {
        start();
        JsonNode ready = ask("{\"op\":\"hello\"}");
        assertThat(ready.path("op").asString()).isEqualTo("ready");
        assertThat(ready.path("implementation").asString()).isEqualTo("cpython");
        assertThat(ready.path("python").asString()).startsWith("3.");
        assertThat(ready.path("executable").asString()).isNotEmpty();
    }

    @Test
    void loadsAFileThatCompilesWithoutRunningIt() throws Exception {
        learner("calculator.py", """
                print("side effect")
                open("created.txt", "w").write("x")
                def add(a, b):
                    return a + b
                """);
        start();
        JsonNode loaded = ask("{\"op\":\"load\",\"entry\":\"calculator.py\"}");
        assertThat(loaded.path("ok").asBoolean()).isTrue();
        assertThat(loaded.path("module").asString()).isEqualTo("calculator");
        assertThat(source.resolve("created.txt")).doesNotExist();
        assertThat(entries(scratch)).isZero();
    }

    @Test
    void reportsSyntaxErrorWithLineAndCaret() throws Exception {
        learner("calculator.py", """
                x = 1
                if x = 1:
                    print(x)
                """);
        start();
        JsonNode loaded = ask("{\"op\":\"load\",\"entry\":\"calculator.py\"}");
        assertThat(loaded.path("ok").asBoolean()).isFalse();
        JsonNode error = loaded.path("error");
        assertThat(error.path("type").asString()).isEqualTo("SyntaxError");
        assertThat(error.path("line").asInt()).isEqualTo(2);
        assertThat(error.path("offset").asInt()).isEqualTo(4);
        assertThat(error.path("text").asString()).isEqualTo("if x = 1:");
        assertThat(error.path("file").asString()).isEqualTo("calculator.py");
        assertThat(error.path("traceback").asString())
                .contains("File \"calculator.py\", line 2", "if x = 1:", "^", "SyntaxError: invalid syntax");

        JsonNode result = runCase("{\"kind\":\"call\",\"function\":\"f\"}");
        assertThat(result.path("status").asString()).isEqualTo("raised");
        assertThat(result.path("exception").path("type").asString()).isEqualTo("SyntaxError");
    }

    @Test
    void encodesReturnedValuesWithTheirExactTypes() throws Exception {
        learner("values.py", """
                def an_int(): return 5
                def a_big_int(): return 2 ** 100
                def a_tuple(): return (1, "a")
                def a_set(): return {1, 2}
                def a_dict(): return {"k": [1.5], 2: None}
                def a_float(): return 2.5
                def nothing(): pass
                def a_bool(): return True
                def not_a_number(): return float("nan")
                def an_object(): return range(3)
                def echo(*args, **kwargs): return [args, kwargs]
                """);
        start();
        load("values.py");
        assertThat(call("an_int")).isEqualTo(json("{\"t\":\"int\",\"v\":\"5\"}"));
        assertThat(call("a_big_int")).isEqualTo(json("{\"t\":\"int\",\"v\":\"1267650600228229401496703205376\"}"));
        assertThat(call("a_tuple"))
                .isEqualTo(json("{\"t\":\"tuple\",\"v\":[{\"t\":\"int\",\"v\":\"1\"},{\"t\":\"str\",\"v\":\"a\"}]}"));
        assertThat(call("a_set"))
                .isEqualTo(json("{\"t\":\"set\",\"v\":[{\"t\":\"int\",\"v\":\"1\"},{\"t\":\"int\",\"v\":\"2\"}]}"));
        assertThat(call("a_dict"))
                .isEqualTo(json("{\"t\":\"dict\",\"v\":["
                        + "[{\"t\":\"str\",\"v\":\"k\"},{\"t\":\"list\",\"v\":[{\"t\":\"float\",\"v\":1.5}]}],"
                        + "[{\"t\":\"int\",\"v\":\"2\"},{\"t\":\"none\"}]]}"));
        assertThat(call("a_float")).isEqualTo(json("{\"t\":\"float\",\"v\":2.5}"));
        assertThat(call("nothing")).isEqualTo(json("{\"t\":\"none\"}"));
        assertThat(call("a_bool")).isEqualTo(json("{\"t\":\"bool\",\"v\":true}"));
        assertThat(call("not_a_number")).isEqualTo(json("{\"t\":\"float\",\"v\":\"nan\"}"));
        JsonNode other = call("an_object");
        assertThat(other.path("t").asString()).isEqualTo("other");
        assertThat(other.path("type").asString()).isEqualTo("builtins.range");
        assertThat(other.path("repr").asString()).isEqualTo("range(0, 3)");

        JsonNode echoed = runCase("""
                {"kind":"call","function":"echo",
                 "args":[{"t":"frozenset","v":[{"t":"int","v":"7"}]},{"t":"bytes","v":"aGk="}],
                 "kwargs":{"k":{"t":"dict","v":[[{"t":"tuple","v":[]},{"t":"float","v":"-inf"}]]}}}
                """);
        assertThat(echoed.path("repr").asString()).isEqualTo("[(frozenset({7}), b'hi'), {'k': {(): -inf}}]");
    }

    @Test
    void reportsTheLearnersLineAndHidesHarnessFrames() throws Exception {
        learner("calculator.py", """
                def divide(a, b):
                    return a / b

                def calculate(a, b):
                    return divide(a, b)
                """);
        start();
        load("calculator.py");
        JsonNode result = runCase("""
                {"kind":"call","function":"calculate","args":[{"t":"int","v":"1"},{"t":"int","v":"0"}]}
                """);
        assertThat(result.path("status").asString()).isEqualTo("raised");
        JsonNode error = result.path("exception");
        assertThat(error.path("type").asString()).isEqualTo("ZeroDivisionError");
        assertThat(error.path("mro").toString()).contains("ArithmeticError", "Exception");
        assertThat(error.path("message").asString()).isEqualTo("division by zero");
        assertThat(error.path("line").asInt()).isEqualTo(2);
        assertThat(error.path("file").asString()).isEqualTo("calculator.py");
        assertThat(error.path("text").asString()).isEqualTo("return a / b");
        assertThat(error.path("traceback").asString())
                .startsWith("Traceback (most recent call last):")
                .contains("File \"calculator.py\", line 5, in calculate", "File \"calculator.py\", line 2, in divide")
                .doesNotContain("harness.py")
                .endsWith("ZeroDivisionError: division by zero");
    }

    @Test
    void runsAScenarioStepByStepInOneNamespaceAndSendsNoExpectation() throws Exception {
        learner("bank.py", """
                class Account:
                    def __init__(self, owner, balance=0):
                        self.owner = owner
                        self.balance = balance

                    def withdraw(self, amount):
                        if amount > self.balance:
                            raise ValueError("insufficient funds")
                        self.balance -= amount
                        print("withdrew", amount)


                class Savings(Account):
                    pass
                """);
        Case scenario = SpecParser.parse(Path.of("grader.yaml"), "bank", """
                        version: 1
                        entry: bank.py
                        tasks:
                          - name: Accounts
                            cases:
                              - name: withdraws
                                scenario:
                                  - do: "acc = Savings('Ann', 100)"
                                  - do: "acc.withdraw(500)"
                                    expect: {raises: ValueError, message: "secret-expected-message"}
                                  - do: |
                                      for n in (10, 20):
                                          acc.withdraw(n)
                                    expect: {stdout: "withdrew 10"}
                                  - eval: "acc"
                                    expect: {type: Account}
                                  - eval: "acc.balance"
                                    expect: {value: 4242}
                        """)
                .caseNamed("withdraws")
                .orElseThrow();
        ObjectNode request = Wire.caseRequest("c1", scenario, List.of(), dev.sprout.sandbox.Limits.DEFAULTS);
        assertThat(request.toString()).doesNotContain("secret-expected-message", "4242", "expect");
        request.set("limits", json(LIMITS));
        start();
        load("bank.py");

        JsonNode result = ask(JSON.writeValueAsString(request));
        Observation seen = Wire.observation(result);

        assertThat(seen.status()).as(result.toString()).isEqualTo(Observation.Status.RETURNED);
        assertThat(seen.stdout()).isEqualTo("withdrew 10\nwithdrew 20\n");
        assertThat(seen.steps()).hasSize(5);
        assertThat(seen.steps())
                .extracting(Observation.Step::status)
                .containsExactly(
                        Observation.Status.RETURNED,
                        Observation.Status.RAISED,
                        Observation.Status.RETURNED,
                        Observation.Status.RETURNED,
                        Observation.Status.RETURNED);
        Observation.PythonError refused = seen.steps().get(1).exception().orElseThrow();
        assertThat(refused.type()).isEqualTo("ValueError");
        assertThat(refused.message()).isEqualTo("insufficient funds");
        assertThat(refused.line()).hasValue(8);
        assertThat(refused.traceback()).contains("bank.py", "line 8").doesNotContain("<step", "harness");
        assertThat(seen.steps().get(2).stdout()).isEqualTo("withdrew 10\nwithdrew 20\n");
        assertThat(seen.steps().get(3).type()).contains("Savings");
        assertThat(seen.steps().get(3).isA("Account")).isTrue();
        assertThat(seen.steps().get(3).isA("dict")).isFalse();
        assertThat(seen.steps().get(4).value()).contains(new PyValue.PyInt(java.math.BigInteger.valueOf(70)));
    }

    @Test
    void aScenarioWhoseFileFailsToLoadRaisesBeforeAnyStep() throws Exception {
        learner("broken.py", """
                total = undefined_name
                """);
        start();
        load("broken.py");
        JsonNode result = runCase("{\"kind\":\"scenario\",\"steps\":[{\"code\":\"total\",\"mode\":\"eval\"}]}");
        assertThat(result.path("status").asString()).isEqualTo("raised");
        assertThat(result.path("exception").path("type").asString()).isEqualTo("NameError");
        assertThat(result.has("steps")).isFalse();
    }

    @Test
    void evaluatesAnExpressionInTheModuleNamespace() throws Exception {
        learner("search.py", """
                def search(x, seq):
                    return seq.index(x)
                """);
        start();
        load("search.py");
        JsonNode result = runCase("{\"kind\":\"expr\",\"expression\":\"search(3, (-5, 1, 3))\"}");
        assertThat(result.path("status").asString()).isEqualTo("returned");
        assertThat(result.path("value")).isEqualTo(json("{\"t\":\"int\",\"v\":\"2\"}"));
        assertThat(result.path("repr").asString()).isEqualTo("2");
    }

    @Test
    void runsTheFileAsAProgramWithStdinArgvAndExitCodes() throws Exception {
        learner("greet.py", """
                import sys
                name = input("Name? ")
                print("Hello", name, sys.argv[1:], __name__)
                if name == "quit":
                    sys.exit("bye for now")
                if name == "three":
                    sys.exit(3)
                if name == "crash":
                    int(name)
                """);
        start();
        load("greet.py");
        JsonNode ok = runCase("{\"kind\":\"run\",\"stdin\":\"Ada\\n\",\"argv\":[\"-v\"]}");
        assertThat(ok.path("status").asString()).isEqualTo("returned");
        assertThat(ok.path("exit_code").asInt()).isZero();
        assertThat(ok.path("stdout").asString()).isEqualTo("Name? Hello Ada ['-v'] __main__\n");

        JsonNode three = runCase("{\"kind\":\"run\",\"stdin\":\"three\\n\"}");
        assertThat(three.path("status").asString()).isEqualTo("returned");
        assertThat(three.path("exit_code").asInt()).isEqualTo(3);

        JsonNode message = runCase("{\"kind\":\"run\",\"stdin\":\"quit\\n\"}");
        assertThat(message.path("exit_code").asInt()).isEqualTo(1);
        assertThat(message.path("stderr").asString()).isEqualTo("bye for now\n");

        JsonNode crash = runCase("{\"kind\":\"run\",\"stdin\":\"crash\\n\"}");
        assertThat(crash.path("status").asString()).isEqualTo("raised");
        assertThat(crash.path("exit_code").asInt()).isEqualTo(1);
        assertThat(crash.path("exception").path("type").asString()).isEqualTo("ValueError");
        assertThat(crash.path("exception").path("line").asInt()).isEqualTo(9);
        assertThat(crash.path("stderr").asString()).contains("Traceback", "ValueError: invalid literal");

        JsonNode eof = runCase("{\"kind\":\"run\",\"stdin\":\"\"}");
        assertThat(eof.path("status").asString()).isEqualTo("raised");
        assertThat(eof.path("exception").path("type").asString()).isEqualTo("EOFError");
    }

    @Test
    void capturesPrintedOutputOfACall() throws Exception {
        learner("shout.py", """
                import sys
                def shout(word):
                    print(word.upper())
                    print("careful", file=sys.stderr)
                    return len(word)
                """);
        start();
        load("shout.py");
        JsonNode result =
                runCase("{\"kind\":\"call\",\"function\":\"shout\",\"args\":[{\"t\":\"str\",\"v\":\"héllo\"}]}");
        assertThat(result.path("value")).isEqualTo(json("{\"t\":\"int\",\"v\":\"5\"}"));
        assertThat(result.path("stdout").asString()).isEqualTo("HÉLLO\n");
        assertThat(result.path("stderr").asString()).isEqualTo("careful\n");
        assertThat(result.path("stdout_truncated").asBoolean()).isFalse();
    }

    @Test
    void startsEveryCaseFromFreshFilesAndAFreshNamespace() throws Exception {
        learner("notes.py", """
                import os
                calls = []
                def remember(text):
                    calls.append(text)
                    with open("notes.txt", "a") as f:
                        f.write(text + "\\n")
                    return [len(calls), sorted(os.listdir("."))]
                """);
        learner("data.txt", "starting data\n");
        start();
        load("notes.py");
        String request = """
                {"kind":"call","function":"remember","args":[{"t":"str","v":"hi"}],
                 "files":{"given.txt":"from the case"},"report_files":["notes.txt","given.txt","missing.txt"]}
                """;
        JsonNode first = runCase(request);
        JsonNode second = runCase(request);
        assertThat(second.path("value")).isEqualTo(first.path("value"));
        assertThat(first.path("repr").asString()).isEqualTo("[1, ['data.txt', 'given.txt', 'notes.py', 'notes.txt']]");
        assertThat(second.path("files").path("notes.txt").path("text").asString())
                .isEqualTo("hi\n");
        assertThat(second.path("files").path("given.txt").path("text").asString())
                .isEqualTo("from the case");
        assertThat(second.path("files").path("missing.txt").path("exists").asBoolean())
                .isFalse();
        assertThat(entries(scratch)).as("case folders are removed").isZero();
        assertThat(source.resolve("notes.txt")).doesNotExist();
    }

    @Test
    void stopsAnEndlessLoopAtTheWallLimitAndSaysWhere() throws Exception {
        learner("spin.py", """
                import time
                def wait():
                    while True:
                        time.sleep(0.01)
                """);
        start();
        load("spin.py");
        long started = System.nanoTime();
        JsonNode result = runCase("{\"kind\":\"call\",\"function\":\"wait\"}", "{\"wall_s\":1,\"cpu_s\":5}");
        assertThat(result.path("status").asString()).isEqualTo("timeout");
        assertThat(result.path("where").path("line").asInt()).isIn(3, 4);
        assertThat(result.path("where").path("stack").asString()).contains("spin.py", "in wait");
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(5000);
        assertThat(ask("{\"op\":\"hello\"}").path("op").asString()).isEqualTo("ready");
    }

    @Test
    void stopsACpuHogAtTheCpuLimit() throws Exception {
        learner("hog.py", """
                def spin():
                    n = 0
                    while True:
                        n += 1
                """);
        start();
        load("hog.py");
        JsonNode result = runCase("{\"kind\":\"call\",\"function\":\"spin\"}", "{\"wall_s\":10,\"cpu_s\":1}");
        assertThat(result.path("status").asString()).isEqualTo("cpu-limit");
        assertThat(result.path("where").path("line").asInt()).isIn(3, 4);
    }

    @Test
    void stopsAFloodOfOutputAtTheCap() throws Exception {
        learner("flood.py", """
                def flood():
                    while True:
                        print("spam " * 100)
                """);
        start();
        load("flood.py");
        JsonNode result = runCase("{\"kind\":\"call\",\"function\":\"flood\"}");
        assertThat(result.path("status").asString()).isEqualTo("output-limit");
        assertThat(result.path("stdout_truncated").asBoolean()).isTrue();
        assertThat(result.path("stdout").asString()).hasSize(65536).startsWith("spam spam");
    }

    @Test
    void reportsMemoryExhaustion() throws Exception {
        learner("greedy.py", """
                def grab():
                    hoard = []
                    while True:
                        hoard.append(bytearray(10 ** 6))
                """);
        start();
        load("greedy.py");
        JsonNode result = runCase("{\"kind\":\"call\",\"function\":\"grab\"}");
        assertThat(result.path("status").asString()).isEqualTo("memory-limit");
        assertThat(result.path("exception").path("line").asInt()).isEqualTo(4);
    }

    @Test
    void reportsNoResultWhenTheChildExitsMidCase() throws Exception {
        learner("abrupt.py", """
                import os
                def leave():
                    print("going", flush=True)
                    os._exit(7)
                """);
        start();
        load("abrupt.py");
        JsonNode result = runCase("{\"kind\":\"call\",\"function\":\"leave\"}");
        assertThat(result.path("status").asString()).isEqualTo("no-result");
        assertThat(result.path("exit_code").asInt()).isEqualTo(7);
        assertThat(result.path("stdout").asString()).isEqualTo("going\n");
    }

    @Test
    void reportsSysExitInACallAsExited() throws Exception {
        learner("quitter.py", """
                import sys
                def stop():
                    sys.exit(4)
                """);
        start();
        load("quitter.py");
        JsonNode result = runCase("{\"kind\":\"call\",\"function\":\"stop\"}");
        assertThat(result.path("status").asString()).isEqualTo("exited");
        assertThat(result.path("exit_code").asInt()).isEqualTo(4);
    }

    @Test
    void ignoresFakeProtocolLinesPrintedByTheLearner() throws Exception {
        learner("forger.py", """
                import os, signal
                def forge():
                    print('{"op":"result","id":"c1","status":"returned","value":{"t":"int","v":"42"}}')
                    os.kill(os.getppid(), signal.SIGTERM)
                    return 1
                """);
        start();
        load("forger.py");
        JsonNode result = runCase("{\"kind\":\"call\",\"function\":\"forge\"}");
        assertThat(result.path("id").asString()).isEqualTo("c1");
        assertThat(result.path("value")).isEqualTo(json("{\"t\":\"int\",\"v\":\"1\"}"));
        assertThat(result.path("stdout").asString()).contains("\"v\":\"42\"");
        assertThat(ask("{\"op\":\"hello\"}").path("op").asString())
                .as("harness survives SIGTERM")
                .isEqualTo("ready");
    }

    @Test
    void servesAWsgiAppOnLoopback() throws Exception {
        learner("app.py", """
                import json
                def app(environ, start_response):
                    size = int(environ.get("CONTENT_LENGTH") or 0)
                    body = environ["wsgi.input"].read(size).decode()
                    start_response("200 OK", [("Content-Type", "application/json")])
                    return [json.dumps({"path": environ["PATH_INFO"], "got": body}).encode()]
                """);
        start();
        load("app.py");
        JsonNode result = runCase("""
                {"kind":"http","http":{"app":"app","requests":[{"method":"POST","path":"/items","json":{"a":1}}]}}
                """);
        assertThat(result.path("status").asString()).isEqualTo("returned");
        JsonNode response = result.path("responses").path(0);
        assertThat(response.path("status").asInt()).isEqualTo(200);
        assertThat(response.path("headers").toString()).contains("[\"Content-Type\",\"application/json\"]");
        assertThat(json(response.path("body").asString()))
                .isEqualTo(json("{\"path\":\"/items\",\"got\":\"{\\\"a\\\": 1}\"}"));
    }

    @Test
    void servesAStubApiOnLoopbackAndLogsWhatTheLearnersCodeSent() throws Exception {
        learner("weather.py", """
                import json, os, sys, urllib.error, urllib.request
                def temp(city):
                    url = os.environ["WEATHER_API_URL"] + "/weather?city=" + city
                    req = urllib.request.Request(url, headers={"X-Api-Key": "k1"})
                    try:
                        with urllib.request.urlopen(req, timeout=2) as r:
                            return [r.status, json.loads(r.read())["temp"]]
                    except urllib.error.HTTPError as e:
                        return [e.code, json.loads(e.read())["error"]]
                if __name__ == "__main__":
                    data = json.dumps({"city": sys.argv[1]}).encode()
                    req = urllib.request.Request(os.environ["SPROUT_API_URL"] + "/notes", data=data, method="POST",
                                                 headers={"Content-Type": "application/json"})
                    with urllib.request.urlopen(req, timeout=2) as r:
                        print(r.status, r.read().decode())
                """);
        start();
        load("weather.py");
        String stub = """
                "stub":{"env":"WEATHER_API_URL","routes":[
                  {"method":"GET","path":"/weather","query":{"city":"London"},"status":200,"delay":0,"json":{"temp":11.5}},
                  {"method":"GET","path":"/weather","query":{},"status":404,"delay":0,"json":{"error":"unknown city"}}]}
                """;

        JsonNode london = runCase("{\"kind\":\"call\",\"function\":\"temp\",\"args\":[\"London\"]," + stub + "}");
        JsonNode paris = runCase("{\"kind\":\"call\",\"function\":\"temp\",\"args\":[\"Paris\"]," + stub + "}");

        assertThat(london.path("value"))
                .as(london.toString())
                .isEqualTo(json("{\"t\":\"list\",\"v\":[{\"t\":\"int\",\"v\":\"200\"},{\"t\":\"float\",\"v\":11.5}]}"));
        JsonNode sent = london.path("stub").path("requests").path(0);
        assertThat(sent.path("method").asString()).isEqualTo("GET");
        assertThat(sent.path("path").asString()).isEqualTo("/weather");
        assertThat(sent.path("query").asString()).isEqualTo("city=London");
        assertThat(sent.path("params")).isEqualTo(json("{\"city\":[\"London\"]}"));
        assertThat(sent.path("headers").toString()).contains("[\"X-Api-Key\",\"k1\"]");
        assertThat(london.path("stub").path("dropped").asInt()).isZero();
        assertThat(paris.path("value").toString()).contains("404").contains("unknown city");
        assertThat(paris.path("stub").path("requests")).hasSize(1);

        JsonNode program = runCase("""
                {"kind":"run","argv":["Oslo"],"stub":{"env":"SPROUT_API_URL","routes":[
                  {"method":"POST","path":"/notes","query":{},"status":201,"delay":0,"text":"made"}]}}
                """);
        assertThat(program.path("stdout").asString()).as(program.toString()).isEqualTo("201 made\n");
        JsonNode posted = program.path("stub").path("requests").path(0);
        assertThat(posted.path("method").asString()).isEqualTo("POST");
        assertThat(json(posted.path("body").asString())).isEqualTo(json("{\"city\":\"Oslo\"}"));
    }

    @Test
    void aStubDelayLongerThanTheCaseEndsWithTheCaseAndTheRequestIsStillLogged() throws Exception {
        learner("slow.py", """
                import os, urllib.request
                def fetch():
                    return urllib.request.urlopen(os.environ["SPROUT_API_URL"] + "/slow").read().decode()
                def count():
                    return len(os.environ)
                """);
        start();
        load("slow.py");

        long started = System.nanoTime();
        JsonNode slow = runCase("""
                {"kind":"call","function":"fetch","stub":{"env":"SPROUT_API_URL","routes":[
                  {"method":"GET","path":"/slow","query":{},"status":200,"delay":30,"text":"late"}]}}
                """, "{\"wall_s\":1.5}");
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(slow.path("status").asString()).as(slow.toString()).isEqualTo("timeout");
        assertThat(millis).isLessThan(6000);
        assertThat(slow.path("stub").path("requests").path(0).path("path").asString())
                .isEqualTo("/slow");
        assertThat(call("count").path("v").asString())
                .as("a case without a stub has no stub URL in its environment")
                .isEqualTo("0");
    }

    @Test
    void readsTheCasesDatabaseAfterTheProgramEndedAndReportsRowsAsValues() throws Exception {
        learner("library.py", """
                import sqlite3, sys
                conn = sqlite3.connect("library.db")
                conn.execute("CREATE TABLE IF NOT EXISTS books (id INTEGER PRIMARY KEY, title TEXT NOT NULL)")
                conn.execute("INSERT INTO books (title) VALUES (?)", (sys.argv[1],))
                conn.commit()
                conn.close()
                print("saved")
                """);
        start();
        load("library.py");
        JsonNode result = runCase("""
                {"kind":"run","argv":["O'Brien's Way"],
                 "db":{"file":"library.db","tables":["books","authors"],"queries":["SELECT id, title FROM books",
                       "SELECT year FROM books"]}}
                """);
        assertThat(result.path("stdout").asString()).isEqualTo("saved\n");

        DatabaseSeen seen = Wire.observation(result).database().orElseThrow();
        assertThat(seen.exists()).isTrue();
        assertThat(seen.error()).isEmpty();
        assertThat(seen.tables().get("authors")).isEmpty();
        assertThat(seen.tables().get("books").orElseThrow())
                .containsExactly(
                        new DatabaseSeen.Column("id", "INTEGER", false, true),
                        new DatabaseSeen.Column("title", "TEXT", true, false));
        assertThat(seen.queries().get(0).columns()).containsExactly("id", "title");
        assertThat(seen.queries().get(0).rows())
                .containsExactly(List.of(PyValue.PyInt.of(1), new PyValue.PyStr("O'Brien's Way")));
        assertThat(seen.queries().get(1).error()).contains("no such column: year");
        assertThat(entries(scratch))
                .as("the case folder is removed after reading it")
                .isZero();
    }

    @Test
    void aDatabaseRequestCarriesTheQueriesButNeverTheExpectedRows() {
        Case testCase = SpecParser.parse(Path.of("grader.yaml"), "library", """
                        version: 1
                        entry: library.py
                        requires: [sqlite3]
                        tasks:
                          - name: Saving
                            cases:
                              - name: saves
                                run: {argv: [add]}
                                expect:
                                  db:
                                    file: library.db
                                    tables: {books: [{name: secret_column, type: TEXT}]}
                                    queries: [{sql: "SELECT title FROM books", rows: [["Secret Title"]], columns: [shown_name]}]
                        """)
                .caseNamed("saves")
                .orElseThrow();

        ObjectNode request = Wire.caseRequest("c1", testCase, List.of(), Limits.DEFAULTS);

        assertThat(request.path("db"))
                .isEqualTo(json(
                        "{\"file\":\"library.db\",\"tables\":[\"books\"],\"queries\":[\"SELECT title FROM books\"]}"));
        assertThat(request.toString()).doesNotContain("Secret Title", "secret_column", "shown_name");
    }

    @Test
    void handsOutItsCompiledCodeAndStartsFromIt(@TempDir Path harnessDir) throws Exception {
        learner("calculator.py", "def add(a, b):\n    return a + b\n");
        start();
        JsonNode first = ask("{\"op\":\"hello\",\"code\":true}");
        byte[] magic = HexFormat.of().parseHex(first.path("magic").asString());
        byte[] code = Base64.getDecoder().decode(first.path("code").asString());
        assertThat(magic).isNotEmpty();
        Files.copy(HARNESS, harnessDir.resolve("harness.py"));
        try (OutputStream out = Files.newOutputStream(harnessDir.resolve("harness.code"))) {
            out.write(magic);
            out.write(code);
        }
        // a harness.py that no longer compiles proves the second harness ran from harness.code
        Files.writeString(harnessDir.resolve("harness.py"), "this is not python\n");
        stopHarness();
        process = new ProcessBuilder(
                        PYTHON.toString(),
                        "-I",
                        "-B",
                        "-c",
                        HarnessFiles.BOOT,
                        harnessDir.toString(),
                        source.toString(),
                        scratch.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        requests = process.getOutputStream();
        replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));

        assertThat(ask("{\"op\":\"hello\"}").path("op").asString()).isEqualTo("ready");
        load("calculator.py");
        assertThat(runCase("{\"kind\":\"call\",\"function\":\"add\",\"args\":[{\"t\":\"int\",\"v\":\"2\"},"
                                + "{\"t\":\"int\",\"v\":\"3\"}]}")
                        .path("repr")
                        .asString())
                .isEqualTo("5");
    }

    // ---- one child, many cases ------------------------------------------------------------------

    @Test
    void casesServedByOneChildStartFromAFreshState() throws Exception {
        learner("leaky.py", """
                import builtins, os, sys, types
                counter = []
                kept = None

                def mutate(tmp):
                    global kept
                    counter.append(1)
                    builtins.len = lambda x: 42
                    builtins.planted = True
                    sys.modules["planted_module"] = types.ModuleType("planted_module")
                    sys.path.append("/planted")
                    os.environ["LEAKED"] = "1"
                    with open("left.txt", "w") as f:
                        f.write("x")
                    with open(os.path.join(tmp, "left-in-tmp.txt"), "w") as f:
                        f.write("x")
                    kept = open("data.txt")
                    os.chdir(tmp)
                    return kept.fileno()

                def probe(tmp, fd):
                    try:
                        os.fstat(fd)
                        fd_state = "open"
                    except OSError:
                        fd_state = "closed"
                    return {"counter": counter.__len__(), "len": len([1, 2]), "planted": hasattr(builtins, "planted"),
                            "module": "planted_module" in sys.modules, "path": "/planted" in sys.path,
                            "env": sorted(os.environ), "files": sorted(os.listdir(".")),
                            "tmp": sorted(os.listdir(tmp)), "cwd": os.path.basename(os.getcwd()).startswith("case-"),
                            "fd": fd_state}
                """);
        learner("data.txt", "data\n");
        start();
        load("leaky.py");
        String tmp = "{\"t\":\"str\",\"v\":" + JSON.writeValueAsString(scratch.toString()) + "}";
        JsonNode mutated = runCase("{\"kind\":\"call\",\"function\":\"mutate\",\"args\":[" + tmp + "]}");
        assertThat(mutated.path("status").asString()).as(mutated.toString()).isEqualTo("returned");
        String fd = mutated.path("value").toString();
        JsonNode probed = runCase("{\"kind\":\"call\",\"function\":\"probe\",\"args\":[" + tmp + "," + fd + "]}");

        assertThat(probed.path("status").asString()).as(probed.toString()).isEqualTo("returned");
        assertThat(probed.path("repr").asString())
                .isEqualTo("{'counter': 0, 'len': 2, 'planted': False, "
                        + "'module': False, 'path': False, 'env': [], 'files': ['data.txt', 'leaky.py'], 'tmp': ['case-c1'], "
                        + "'cwd': True, 'fd': 'closed'}");
        assertThat(child(probed).path("pid"))
                .as("served by the same child")
                .isEqualTo(child(mutated).path("pid"));
        assertThat(child(probed).path("case").asInt())
                .isEqualTo(child(mutated).path("case").asInt() + 1);
    }

    @Test
    void environmentChangesBehindOsEnvironDoNotReachTheNextCase() throws Exception {
        learner("env.py", """
                import os
                def set_raw():
                    os.putenv("LEAKED_RAW", "1")
                    os.unsetenv("PATH")
                    return 1
                def real_environment():
                    import subprocess  # retires the child after this case: it may start processes
                    return sorted(subprocess.run(["/usr/bin/env"], capture_output=True, text=True).stdout.split())
                """);
        start();
        load("env.py");
        JsonNode set = runCase("{\"kind\":\"call\",\"function\":\"set_raw\"}");
        JsonNode seen = runCase("{\"kind\":\"call\",\"function\":\"real_environment\",\"env\":{\"ONLY\":\"this\"}}");

        assertThat(seen.path("repr").asString()).as(seen.toString()).isEqualTo("['ONLY=this']");
        assertThat(child(seen).path("pid"))
                .as("served by the same child")
                .isEqualTo(child(set).path("pid"));
    }

    @Test
    void aCaseThatRaisesKeepsItsChildForTheNextCase() throws Exception {
        // describing the exception imports traceback in the child, and with it collections.abc:
        // binding that into the shared `collections` must not retire the child (a fresh fork and
        // traceback import for every failing case made a failing submission 4-7x as slow)
        learner("raises.py", """
                import collections
                def broken():
                    raise ValueError("no")
                def fine():
                    return collections.abc is not None
                """);
        start();
        load("raises.py");
        JsonNode first = runCase("{\"kind\":\"call\",\"function\":\"broken\"}");
        JsonNode second = runCase("{\"kind\":\"call\",\"function\":\"broken\"}");
        JsonNode third = runCase("{\"kind\":\"call\",\"function\":\"fine\"}");

        assertThat(first.path("status").asString()).as(first.toString()).isEqualTo("raised");
        assertThat(second.path("exception").path("type").asString()).isEqualTo("ValueError");
        assertThat(third.path("repr").asString()).as(third.toString()).isEqualTo("True");
        assertThat(child(second).path("pid"))
                .as("served by the same child")
                .isEqualTo(child(first).path("pid"));
        assertThat(child(third).path("pid"))
                .as("served by the same child")
                .isEqualTo(child(first).path("pid"));
    }

    @Test
    void aCaseThatChangesProcessWideStateRetiresItsChild() throws Exception {
        learner("polluter.py", """
                import math, os, signal, threading, time
                def thread():
                    threading.Thread(target=time.sleep, args=(30,), daemon=True).start()
                    return 1
                def handler():
                    signal.signal(signal.SIGUSR1, lambda *a: None)
                    return 1
                def patch_shared_module():
                    math.pi = 3
                    return 1
                def raw_fd():
                    return os.open(__file__, os.O_RDONLY)
                def pi():
                    return [math.pi, signal.getsignal(signal.SIGUSR1) == signal.SIG_DFL, threading.active_count()]
                """);
        start();
        load("polluter.py");
        for (String polluter : List.of("thread", "handler", "patch_shared_module", "raw_fd")) {
            JsonNode polluted = runCase("{\"kind\":\"call\",\"function\":\"" + polluter + "\"}");
            assertThat(child(polluted).path("retired").asString())
                    .as(polluter + ": " + polluted)
                    .isNotEmpty();
            JsonNode next = runCase("{\"kind\":\"call\",\"function\":\"pi\"}");
            assertThat(next.path("repr").asString()).as(polluter).isEqualTo("[3.141592653589793, True, 1]");
            assertThat(child(next).path("pid"))
                    .as(polluter + ": a fresh child")
                    .isNotEqualTo(child(polluted).path("pid"));
            assertThat(child(next).path("case").asInt()).isEqualTo(1);
        }
    }

    @Test
    void aCaseThatHitsALimitIsFollowedByAFreshChildThatPasses() throws Exception {
        learner("spin.py", """
                def ok():
                    return "ok"
                def forever():
                    while True:
                        pass
                """);
        start();
        load("spin.py");
        JsonNode first = runCase("{\"kind\":\"call\",\"function\":\"ok\"}");
        JsonNode stuck = runCase("{\"kind\":\"call\",\"function\":\"forever\"}", "{\"wall_s\":1,\"cpu_s\":5}");
        JsonNode after = runCase("{\"kind\":\"call\",\"function\":\"ok\"}");

        assertThat(stuck.path("status").asString()).isEqualTo("timeout");
        assertThat(child(stuck).path("pid"))
                .as("the limit hit the child that served the first case")
                .isEqualTo(child(first).path("pid"));
        assertThat(after.path("status").asString()).as(after.toString()).isEqualTo("returned");
        assertThat(after.path("repr").asString()).isEqualTo("'ok'");
        assertThat(child(after).path("pid")).isNotEqualTo(child(stuck).path("pid"));
        assertThat(child(after).path("case").asInt()).isEqualTo(1);
    }

    @Test
    void theCpuLimitIsPerCaseNotPerChild() throws Exception {
        learner("busy.py", """
                import time
                def burn(seconds):
                    start = time.process_time()
                    while time.process_time() - start < seconds:
                        pass
                    return round(time.process_time() - start, 1)
                """);
        start();
        load("busy.py");
        JsonNode firstChild = null;
        for (int i = 0; i < 3; i++) {
            JsonNode burnt = runCase(
                    "{\"kind\":\"call\",\"function\":\"burn\",\"args\":[{\"t\":\"float\",\"v\":0.6}]}",
                    "{\"cpu_s\":1,\"wall_s\":5}");
            assertThat(burnt.path("status").asString())
                    .as("case " + (i + 1) + ": " + burnt)
                    .isEqualTo("returned");
            firstChild = firstChild == null ? child(burnt).path("pid") : firstChild;
            assertThat(child(burnt).path("pid"))
                    .as("one child burnt 1.8 s in all")
                    .isEqualTo(firstChild);
        }
        JsonNode over = runCase(
                "{\"kind\":\"call\",\"function\":\"burn\",\"args\":[{\"t\":\"float\",\"v\":3}]}",
                "{\"cpu_s\":1,\"wall_s\":10}");
        assertThat(over.path("status").asString())
                .as("still 1 s per case: " + over)
                .isEqualTo("cpu-limit");
        assertThat(over.path("where").path("stack").asString()).contains("busy.py", "in burn");
    }

    @Test
    void reportsSourceFactsWithoutRunningTheCode() throws Exception {
        learner("facts.py", """
                import os.path
                from collections import Counter
                def total(items):
                    result = 0
                    for item in items:
                        if item:
                            result += item
                    return sorted([r for r in [result]])[0]
                def fact(n):
                    return 1 if n == 0 else n * fact(n - 1)
                open("ran.txt", "w")
                """);
        start();
        load("facts.py");
        JsonNode facts = ask("{\"op\":\"facts\"}");
        assertThat(names(facts.path("calls"))).contains("sorted", "fact", "open");
        assertThat(names(facts.path("imports"))).containsExactly("os", "collections");
        assertThat(names(facts.path("constructs")))
                .contains("for", "if", "def", "return", "comprehension", "recursion")
                .doesNotContain("while", "lambda");
        assertThat(names(facts.path("functions"))).containsExactly("total", "fact");
        assertThat(names(facts.path("names"))).contains("result", "item");
        assertThat(facts.path("calls").get(0).path("line").asInt()).isPositive();
        assertThat(entries(scratch)).isZero();
    }

    @Test
    void runsTheLearnersTestsAgainstTheModuleJavaWritesForTheCase(@TempDir Path pack) throws Exception {
        Path graderDir = Files.createDirectories(pack.resolve("graders/05-month3/07-shop/mutants"))
                .getParent();
        Files.writeString(graderDir.resolve("shop.py"), "def total(prices):\n    return sum(prices)\n");
        Files.writeString(graderDir.resolve("mutants/empty.py"), "def total(prices):\n    return sum(prices) or 1\n");
        Path specFile = graderDir.resolve("grader.yaml");
        Files.writeString(specFile, """
                version: 1
                entry: test_shop.py
                module: shop.py
                tasks:
                  - name: Testing
                    cases:
                      - {name: real, tests: {}}
                      - {name: empty, tests: {mutant: mutants/empty.py}, describe: "your tests do not check an empty list"}
                """);
        GraderSpec spec = SpecParser.parse(specFile, "shop");
        learner("test_shop.py", """
                from shop import total

                def test_sum():
                    assert total([1, 2]) == 3

                def test_empty():
                    assert total([]) == 0
                """);
        learner("shop.py", "def total(prices):\n    return 42\n"); // the learner's own copy is never tested
        start();
        load("test_shop.py");

        ObjectNode realRequest =
                Wire.caseRequest("c1", spec.caseNamed("real").orElseThrow(), List.of(), Limits.DEFAULTS);
        ObjectNode mutantRequest =
                Wire.caseRequest("c2", spec.caseNamed("empty").orElseThrow(), List.of(), Limits.DEFAULTS);
        assertThat(realRequest.path("kind").asString()).isEqualTo("tests");
        assertThat(realRequest.path("files").path("shop.py").asString()).contains("return sum(prices)\n");
        assertThat(mutantRequest.path("files").path("shop.py").asString()).contains("or 1");
        assertThat(mutantRequest.toString()).as("the spec's words stay in Java").doesNotContain("do not check");

        Observation real = Wire.observation(ask(JSON.writeValueAsString(realRequest)));
        Observation mutant = Wire.observation(ask(JSON.writeValueAsString(mutantRequest)));

        assertThat(real.status()).isEqualTo(Observation.Status.RETURNED);
        TestRun onReal = real.tests().orElseThrow();
        assertThat(onReal.runner()).isEqualTo("pytest");
        assertThat(onReal.passed()).isEqualTo(2);
        assertThat(onReal.failed()).isZero();
        TestRun onMutant = mutant.tests().orElseThrow();
        assertThat(onMutant.results())
                .extracting(TestRun.Test::name, TestRun.Test::outcome)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("test_sum", "passed"),
                        org.assertj.core.groups.Tuple.tuple("test_empty", "failed"));
        TestRun.Test failed = onMutant.results().get(1);
        assertThat(failed.message()).contains("assert 1 == 0");
        assertThat(failed.line()).hasValue(7);
        assertThat(onMutant.error()).isEmpty();
    }

    // ---- helpers -------------------------------------------------------------------------------

    private void learner(String name, String text) throws IOException {
        Files.writeString(source.resolve(name), text);
    }

    private void start() throws IOException {
        process = new ProcessBuilder(
                        PYTHON.toString(),
                        "-I",
                        "-B",
                        HARNESS.toAbsolutePath().toString(),
                        source.toString(),
                        scratch.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        requests = process.getOutputStream();
        replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    private void load(String entry) throws Exception {
        JsonNode loaded = ask("{\"op\":\"load\",\"entry\":\"" + entry + "\"}");
        assertThat(loaded.path("ok").asBoolean()).as(loaded.toString()).isTrue();
    }

    private JsonNode call(String function) throws Exception {
        JsonNode result = runCase("{\"kind\":\"call\",\"function\":\"" + function + "\"}");
        assertThat(result.path("status").asString()).as(result.toString()).isEqualTo("returned");
        return result.path("value");
    }

    private JsonNode runCase(String fields) throws Exception {
        return runCase(fields, "{}");
    }

    /** Sends a case with the test limits, overridden by {@code limits}; checks the reply's shape. */
    private JsonNode runCase(String fields, String limits) throws Exception {
        ObjectNode request = (ObjectNode) json(fields);
        request.put("op", "case").put("id", "c1");
        ObjectNode merged = (ObjectNode) json(LIMITS);
        merged.setAll((ObjectNode) json(limits));
        request.set("limits", merged);
        JsonNode result = ask(JSON.writeValueAsString(request));
        assertThat(result.path("op").asString()).isEqualTo("result");
        assertThat(result.path("id").asString()).isEqualTo("c1");
        assertThat(result.has("stdout") && result.has("stderr") && result.has("elapsed_ms"))
                .as(result.toString())
                .isTrue();
        return result;
    }

    private JsonNode ask(String request) throws Exception {
        requests.write((JSON.writeValueAsString(json(request)) + "\n").getBytes(StandardCharsets.UTF_8));
        requests.flush();
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return replies.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        try {
            String reply = line.get(15, TimeUnit.SECONDS);
            assertThat(reply).as("the harness answered").isNotNull();
            return json(reply);
        } catch (TimeoutException | ExecutionException e) {
            throw new AssertionError("no answer from the harness to " + request, e);
        }
    }

    /** Which child served a case: {"pid":…,"case":n (its n-th case),"retired":why or null}. */
    private static JsonNode child(JsonNode result) {
        assertThat(result.path("child").isObject()).as(result.toString()).isTrue();
        return result.path("child");
    }

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    private static long entries(Path dir) throws IOException {
        try (var list = Files.list(dir)) {
            return list.count();
        }
    }

    private static List<String> names(JsonNode facts) {
        return facts.valueStream().map(f -> f.path("name").asString()).toList();
    }
}
