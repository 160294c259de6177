package dev.sprout.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** One sprout command line run in-process, as a learner would type it, with captured output. */
record CliRun(int exit, String out, String err) {

    static CliRun in(Path dir, String... args) {
        return withInput(dir, new ByteArrayInputStream("".getBytes(StandardCharsets.UTF_8)), args);
    }

    static CliRun withInput(Path dir, InputStream input, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(console(dir, out, err, input), args);
        return new CliRun(exit, out.toString(), err.toString());
    }

    /** With variables added to the environment, e.g. a private GIT_CONFIG_GLOBAL for git. */
    static CliRun withEnvironment(Path dir, Map<String, String> extra, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.putAll(extra);
        Console console = new Console(
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                environment,
                dir,
                false,
                new ByteArrayInputStream(new byte[0]));
        int exit = Main.run(console, args);
        return new CliRun(exit, out.toString(), err.toString());
    }

    static Console console(Path dir, StringWriter out, StringWriter err, InputStream input) {
        return new Console(new PrintWriter(out, true), new PrintWriter(err, true), System.getenv(), dir, false, input);
    }

    String all() {
        return out + err;
    }
}
