package dev.sprout.cli;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.sprout.runner.EngineChoice;
import dev.sprout.runner.GraalPyFiles;
import dev.sprout.runner.Interpreter;
import dev.sprout.runner.InterpreterFinder;
import dev.sprout.runner.RunnerException;
import dev.sprout.sandbox.Diagnosis;
import dev.sprout.sandbox.Sandboxes;

@Command(
        name = "doctor",
        mixinStandardHelpOptions = true,
        description = "Check this machine: which Python sprout uses, and how safely it can run your code.",
        footer = ExitCode.HELP_DOCTOR)
final class DoctorCommand implements Callable<Integer> {

    private final Console console;

    @Option(names = "--python", paramLabel = "PATH", description = "Check this Python instead of the default one.")
    String python;

    DoctorCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        var out = console.out();
        InterpreterFinder finder = new InterpreterFinder(Optional.ofNullable(python), console.environment());
        boolean healthy = true;
        try {
            Interpreter interpreter = finder.find(List.of());
            out.println("Python:  " + interpreter.describe()
                    + finder.chosen()
                            .map(c -> " (chosen with --python or SPROUT_PYTHON)")
                            .orElse(" (python3 on your PATH)"));
            List<String> missing = finder.missing(interpreter, List.of("flask"));
            out.println(
                    "Flask:   "
                            + (missing.isEmpty()
                                    ? "installed (needed from week 4)"
                                    : "not installed for this Python; the Flask exercise will use another Python that has it, or ask you to install it"));
        } catch (RunnerException e) {
            out.println("Python:  " + e.getMessage());
            healthy = false;
        }
        try {
            EngineChoice.Decision engine =
                    EngineChoice.decide(console.environment().getOrDefault("SPROUT_ENGINE", "auto"), finder);
            boolean graalpy = engine.engine().equals("graalpy");
            out.println("Engine:  " + engine.engine() + " (" + engine.reason() + ")"
                    + (!graalpy
                            ? ""
                            : GraalPyFiles.forThisSprout().built()
                                    ? "; GraalPy is built"
                                    : "; GraalPy is built on first use (a ~160 MB download, once)"));
            // a machine without Python still grades, with GraalPy
            healthy = healthy || graalpy;
        } catch (IllegalArgumentException e) {
            out.println("Engine:  " + e.getMessage() + " (SPROUT_ENGINE)");
            healthy = false;
        }
        Diagnosis diagnosis = Sandboxes.diagnose();
        // describe() labels its first line "sandbox:" and already ends with the way to tier A:
        // drop the label under ours and print the rest once, indented under it
        List<String> lines =
                diagnosis.describe().replaceFirst("^sandbox: ", "").lines().toList();
        out.println("Sandbox: " + lines.get(0));
        lines.stream().skip(1).forEach(line -> out.println("         " + line));
        out.flush();
        return healthy ? ExitCode.OK : ExitCode.USAGE;
    }
}
