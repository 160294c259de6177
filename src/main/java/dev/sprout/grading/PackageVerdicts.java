package dev.sprout.grading;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.sprout.result.Verdict;
import dev.sprout.runner.Observation;
import dev.sprout.spec.GraderSpec;

/**
 * Which file of a package entry a verdict points into (docs/grader-spec.md, "Package
 * exercises"): the file of the learner's frame an exception or a time limit stopped in, so a
 * pull request's annotation and the console name {@code inventory/report.py}, not the folder.
 */
final class PackageVerdicts {

    private static final Pattern FRAME = Pattern.compile("File \"([^\"]+)\", line (\\d+)");

    private PackageVerdicts() {}

    static Verdict located(GraderSpec spec, Verdict verdict, Observation o) {
        if (!spec.isPackage()) {
            return verdict;
        }
        return importAdvice(fileOf(spec, o).map(verdict::inFile).orElse(verdict), o);
    }

    /**
     * An import that failed while the package loaded (a circular import, {@code from models import})
     * is about import lines, not code that should sit under {@code if __name__ == "__main__":}.
     */
    private static Verdict importAdvice(Verdict verdict, Observation o) {
        String topLevel = " " + Messages.TOP_LEVEL_RUNS_ON_IMPORT;
        if (o.exception().filter(e -> e.isA("ImportError")).isEmpty()
                || !verdict.message().endsWith(topLevel)) {
            return verdict;
        }
        String said = verdict.message();
        return verdict.withMessage(
                said.substring(0, said.length() - topLevel.length()) + " " + Messages.packageImportFailed());
    }

    private static Optional<String> fileOf(GraderSpec spec, Observation o) {
        Optional<String> raised = o.exception()
                .filter(e -> e.line().isPresent())
                .flatMap(Observation.PythonError::file)
                .filter(f -> inPackage(spec, f));
        if (raised.isPresent()) {
            return raised;
        }
        return o.where().flatMap(w -> {
            String last = null;
            Matcher m = FRAME.matcher(w.stack());
            while (m.find()) {
                last = m.group(1);
            }
            return Optional.ofNullable(last).filter(f -> inPackage(spec, f));
        });
    }

    private static boolean inPackage(GraderSpec spec, String file) {
        return file.startsWith(spec.entry()) && !file.contains("..");
    }

    /** Whether {@code file} ({@code inventory/report.py}) is the module a call runs in (the package by default). */
    static boolean isFileOf(GraderSpec spec, Optional<String> module, String file) {
        String path = module.orElse(spec.entryPath()).replace('.', '/');
        return file.equals(path + ".py") || file.equals(path + "/__init__.py");
    }
}
