package dev.sprout.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.IntSupplier;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import dev.sprout.catalog.CatalogException;
import dev.sprout.catalog.Exercise;
import dev.sprout.grading.Grader;
import dev.sprout.report.ConsoleReport;
import dev.sprout.result.GradeResult;
import dev.sprout.runner.RunnerException;
import dev.sprout.sandbox.Sandbox;
import dev.sprout.sandbox.SandboxUnavailableException;
import dev.sprout.spec.SpecException;
import dev.sprout.watch.Checking;
import dev.sprout.watch.CompactReport;
import dev.sprout.watch.FileWatch;
import dev.sprout.watch.Keys;
import dev.sprout.watch.WatchLoop;
import dev.sprout.watch.WatchedFiles;

@Command(
        name = "watch",
        mixinStandardHelpOptions = true,
        description = "Check the exercise you are on every time you save it. "
                + "Keys: n next, h hint, l list, r check again, c check all, x reset, q quit.",
        footer = ExitCode.HELP)
final class WatchCommand implements Callable<Integer> {

    /** Editors finish a save within a few ms; a half-written file (empty, gone) gets up to PATIENCE. */
    static final Duration QUIET = Duration.ofMillis(30);

    static final Duration PATIENCE = Duration.ofMillis(250);
    private static final String KEYS = "n next · h hint · l list · r check again · c check all · x reset · q quit";

    private final Console console;

    @Mixin
    GradingOptions options;

    @Option(
            names = "--poll",
            description = "Look for changes a few times a second instead of asking the system to tell "
                    + "sprout (use this on network drives, or under WSL in /mnt, if saving does nothing).")
    boolean poll;

    WatchCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws InterruptedException {
        Learner learner = Learner.open(options, console);
        Optional<Exercise> current = learner.progress().current(learner.pack());
        if (current.isEmpty()) {
            console.out().println(console.style().green("🎉 Every exercise is done. Well done!"));
            return ExitCode.OK;
        }
        Sandbox sandbox = Setup.sandbox(options, console);
        Grader grader = Setup.grader(options, console, sandbox).stoppingAtFirstTimeLimit();
        WatchLoop loop = new WatchLoop(QUIET, PATIENCE);
        Path exercises = learner.workspace().root().resolve("exercises");
        String why;
        Checking checking = new Checking(loop);
        try (FileWatch files = FileWatch.start(exercises, loop, poll);
                Keys keys = keys(loop)) {
            files.fallbackReason()
                    .ifPresent(reason -> console.err().println(console.style().yellow("note: ") + reason));
            IntSupplier width = () -> Console.columns(console.environment())
                    .orElseGet(() -> keys.width().orElseGet(console::width));
            Session session = new Session(learner, grader, current.get(), keys.isTerminal(), checking, width);
            session.grade();
            why = loop.run(session);
        } finally {
            checking.close();
        }
        console.out().println();
        int columns = console.width();
        ConsoleReport.wrapText(
                        why.equals("quit") || why.equals("interrupted") || why.equals("end of input")
                                ? "Stopped watching. Your progress is saved: `sprout watch` carries on from here."
                                : "Stopped watching: " + why,
                        columns <= 0 ? 0 : Math.max(20, columns - 1))
                .forEach(console.out()::println);
        console.out().flush();
        return why.equals("interrupted") ? ExitCode.INTERRUPTED : ExitCode.OK;
    }

    private Keys keys(WatchLoop loop) {
        if (console.terminal()) {
            try {
                return Keys.raw(loop);
            } catch (IOException | RuntimeException e) {
                console.err()
                        .println(console.style().yellow("note: ") + "Keys need Enter after them here (" + e.getMessage()
                                + ").");
            }
        }
        return Keys.lines(console.in(), loop);
    }

    /** Watch mode's state, touched only by the loop's thread. */
    private final class Session implements WatchLoop.Actions {

        private final Learner learner;
        private final Grader grader;
        private final boolean clearScreen;
        private Exercise shown;
        private String lastHash = "";
        private boolean confirmingReset;
        private final Checking checking;
        private final IntSupplier width;

        Session(
                Learner learner,
                Grader grader,
                Exercise shown,
                boolean clearScreen,
                Checking checking,
                IntSupplier width) {
            this.width = width;
            this.learner = learner;
            this.grader = grader;
            this.shown = shown;
            this.clearScreen = clearScreen;
            this.checking = checking;
        }

        @Override
        public void stopping() {
            checking.cancel();
        }

        @Override
        public void changed() {
            if (!WatchedFiles.hash(learner.workspace().exerciseDir(shown)).equals(lastHash)) {
                grade();
            }
        }

        @Override
        public boolean saveComplete() {
            Path file = learner.learnerFile(shown);
            try {
                return Learner.present(shown, file) && (shown.spec().isPackage() || Files.size(file) > 0);
            } catch (IOException gone) {
                return false;
            }
        }

        @Override
        public boolean key(char key) {
            if (confirmingReset) {
                confirmingReset = false;
                if (Character.toLowerCase(key) == 'y') {
                    reset();
                } else {
                    console.out().println("Nothing was reset.");
                    footer();
                }
                return true;
            }
            switch (Character.toLowerCase(key)) {
                case 'q':
                    return false;
                case 'r':
                    grade();
                    break;
                case 'h':
                    console.out().println();
                    HintCommand.reveal(console, learner, shown);
                    footer();
                    break;
                case 'l':
                    console.out().println();
                    ListCommand.print(console, learner, false, false);
                    footer();
                    break;
                case 'n':
                    next();
                    break;
                case 'c':
                    checkAll();
                    break;
                case 'x':
                    confirmingReset = true;
                    console.out()
                            .println(console.style()
                                            .yellow("Put the starter back in " + learner.shownEntry(shown) + "? ")
                                    + "Your version is kept in "
                                    + ".sprout/backups/. Press y to reset, any other key to keep your work.");
                    console.out().flush();
                    break;
                default:
                    console.out().println("Keys: " + KEYS);
                    console.out().flush();
            }
            return true;
        }

        private void next() {
            if (!learner.progress().isDone(shown.id())) {
                console.out()
                        .println(console.style().yellow("Finish this exercise first: every check has to pass. ")
                                + "Press h for a hint.");
                console.out().flush();
                return;
            }
            Optional<Exercise> current = learner.progress().current(learner.pack());
            if (current.isEmpty()) {
                console.out().println(console.style().green("🎉 Every exercise is done. Well done! Press q to quit."));
                console.out().flush();
                return;
            }
            shown = current.get();
            grade();
        }

        private void reset() {
            try {
                Optional<Path> backup = ResetCommand.restore(learner, shown);
                backup.ifPresent(b -> console.out().println("Your version is saved as " + learner.shown(b) + "."));
            } catch (IOException e) {
                console.out()
                        .println(console.style().red("error: ") + "Could not reset " + learner.shownEntry(shown) + ": "
                                + e.getMessage());
            }
            grade();
        }

        /**
         * Grades every exercise, as rustlings does at the end: work can break after it passed. It
         * runs as a check does (off the loop's thread), so Ctrl-C, q, a key or a save stops it at once.
         */
        private void checkAll() {
            checking.cancel();
            var out = console.out();
            var style = console.style();
            out.println();
            out.println(style.bold("Checking every exercise…"));
            out.flush();
            List<Exercise> exercises = learner.pack().exercises();
            int[] passed = {0};
            checking.start(
                    cancel -> {
                        for (Exercise exercise : exercises) {
                            if (cancel.cancelled()) {
                                return null;
                            }
                            String line;
                            boolean pass = false;
                            try {
                                GradeResult result = grader.grade(
                                        exercise.spec(),
                                        learner.pack().graders(),
                                        learner.workspace().exerciseDir(exercise),
                                        cancel);
                                pass = result.passed();
                                line = (pass ? style.green("✓ ") : style.red("✗ "))
                                        + exercise.id()
                                        + style.dim("  " + result.score() + "/" + result.maxScore() + " points");
                            } catch (SproutException
                                    | CatalogException
                                    | SpecException
                                    | RunnerException
                                    | SandboxUnavailableException e) {
                                line = style.red("✗ ") + exercise.id() + "  " + e.getMessage();
                            }
                            boolean passes = pass;
                            String shown = line;
                            // progress is the loop thread's: marked where the line is printed
                            checking.progress(cancel, () -> {
                                if (passes) {
                                    passed[0]++;
                                    learner.progress().markDone(exercise.id());
                                }
                                out.println(shown);
                                out.flush();
                            });
                        }
                        return null;
                    },
                    ignored -> {
                        learner.progress().save();
                        int total = exercises.size();
                        out.println(
                                passed[0] == total
                                        ? style.green("🎉 All " + total + " exercises pass. Congratulations!")
                                        : passed[0] + " of " + total + " exercises pass.");
                        footer();
                    },
                    this::failed);
        }

        void grade() {
            var out = console.out();
            if (clearScreen) {
                out.print("\u001b[H\u001b[2J");
            }
            Exercise exercise = shown;
            Path dir = learner.workspace().exerciseDir(exercise);
            Path file = learner.learnerFile(exercise);
            lastHash = WatchedFiles.hash(dir);
            if (!Learner.present(exercise, file)) {
                checking.cancel();
                missing(exercise);
                return;
            }
            out.println(console.style().dim("Checking " + learner.shownEntry(exercise) + "…"));
            out.flush();
            checking.start(
                    cancel -> grader.grade(exercise.spec(), learner.pack().graders(), dir, cancel),
                    result -> show(exercise, result),
                    this::failed);
        }

        /** A check's result, on the loop's thread; a file deleted meanwhile is reported as missing instead. */
        private void show(Exercise exercise, GradeResult result) {
            var out = console.out();
            if (!Learner.present(exercise, learner.learnerFile(exercise))) {
                missing(exercise);
                return;
            }
            try {
                new CompactReport(console.style(), width.getAsInt()).print(result, out);
                Optional<Completion.Passed> passed = Completion.record(learner, exercise, result);
                if (passed.isPresent()) {
                    Completion.show(console, learner, exercise, passed.get(), false, true);
                    if (passed.get().next().isEmpty() && passed.get().firstTime()) {
                        checkAll(); // its footer comes when every exercise is checked
                        return;
                    }
                }
            } catch (SproutException | CatalogException | IOException e) {
                out.println(console.style().red("error: ") + e.getMessage());
            }
            footer();
        }

        private void failed(RuntimeException e) {
            if (!(e instanceof SproutException
                    || e instanceof CatalogException
                    || e instanceof SpecException
                    || e instanceof RunnerException
                    || e instanceof SandboxUnavailableException)) {
                throw e;
            }
            console.out().println(console.style().red("error: ") + e.getMessage());
            footer();
        }

        /** What submit says about a missing file; the next save (or a reset) brings the check back. */
        private void missing(Exercise exercise) {
            var out = console.out();
            out.println(
                    console.style().red("✗ ") + SubmitCommand.missingFile(learner.shownEntry(exercise), exercise.id()));
            out.println(console.style().dim("Waiting for it to come back…"));
            footer();
        }

        private void footer() {
            console.out().println();
            int columns = width.getAsInt();
            ConsoleReport.wrapText(
                            "Save " + learner.shownEntry(shown) + " to check again · " + KEYS,
                            columns <= 0 ? 0 : Math.max(20, columns - 1))
                    .forEach(line -> console.out().println(console.style().dim(line)));
            console.out().flush();
        }
    }
}
