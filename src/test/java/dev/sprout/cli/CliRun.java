package dev.sprout.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

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

    static Console console(Path dir, StringWriter out, StringWriter err, InputStream input) {
        return new Console(new PrintWriter(out, true), new PrintWriter(err, true), System.getenv(), dir, false, input);
    }

    String all() {
        return out + err;
    }
}
