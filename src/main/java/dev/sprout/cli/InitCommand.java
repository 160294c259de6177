package dev.sprout.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import dev.sprout.batch.CiWorkflow;
import dev.sprout.catalog.Exercise;
import dev.sprout.catalog.Pack;
import dev.sprout.catalog.Progress;
import dev.sprout.catalog.Workspace;

@Command(
        name = "init",
        mixinStandardHelpOptions = true,
        description = "Make a workspace: a folder with every exercise's starter file for you to edit.",
        footer = ExitCode.HELP_NO_CHECKS)
final class InitCommand implements Callable<Integer> {

    private static final String GITIGNORE = String.join(
            "\n",
            "# Python's own caches",
            "__pycache__/",
            "*.pyc",
            ".venv/",
            "# copies sprout keeps when you reset an exercise",
            ".sprout/backups/",
            "");

    private final Console console;

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "DIR",
            description = "The folder to create (or fill, if it is empty). Default: this folder.")
    Path dir;

    @Option(
            names = "--pack",
            paramLabel = "DIR",
            description =
                    "Take the exercises from DIR (a folder with exercises/ and graders/) instead of the ones sprout comes with.")
    Path pack;

    @Option(names = "--no-git", description = "Do not make the folder a git repository.")
    boolean noGit;

    @Option(
            names = "--action-repo",
            paramLabel = "OWNER/REPO[@REF]",
            description = "The GitHub repository sprout is published in (and a branch or tag, default main). "
                    + "With it, init writes .github/workflows/sprout.yml, which checks your pull requests on GitHub. "
                    + "In a folder that is already a workspace, adds only that workflow.")
    String actionRepo;

    @Option(names = "--verbose", description = "Show technical details (Java stack traces) when something goes wrong.")
    boolean verbose;

    InitCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws IOException {
        Path root = dir == null
                ? console.workingDir()
                : console.workingDir().resolve(dir).normalize();
        Workspace workspace = new Workspace(root);
        Optional<CiWorkflow.ActionSource> actionSource = Optional.ofNullable(actionRepo)
                .map(text -> CiWorkflow.ActionSource.parse(text)
                        .orElseThrow(() -> SproutException.invalidInput("--action-repo takes a GitHub repository "
                                + "as OWNER/REPO or OWNER/REPO@BRANCH, e.g. --action-repo ana/sprout@main; '" + text
                                + "' is neither.")));
        if (Files.exists(workspace.stateDir().resolve(Progress.FILE_NAME)) && actionSource.isPresent()) {
            return addWorkflow(root, actionSource.get());
        }
        if (Files.exists(workspace.stateDir().resolve(Progress.FILE_NAME))) {
            throw SproutException.invalidInput(root + " is already a sprout workspace. Carry on with `sprout next`"
                    + (dir == null ? "" : " inside it") + ", or pick another folder: `sprout init my-python`.");
        }
        Optional<Path> packDir = Optional.ofNullable(pack)
                .map(p -> console.workingDir().resolve(p).normalize());
        Pack source = Setup.pack(packDir, console, Optional.empty());
        if (source.exercises().isEmpty()) {
            throw SproutException.invalidInput(
                    "The pack in " + source.root() + " has no exercises (no graders/*/*/grader.yaml).");
        }
        if (source.root().normalize().equals(root)) {
            throw SproutException.invalidInput(root + " is the exercise pack itself. Make your workspace somewhere "
                    + "else, e.g. `sprout init ~/python-learning`.");
        }

        List<Path[]> copies = new ArrayList<>();
        List<String> clashes = new ArrayList<>();
        for (Exercise exercise : source.exercises()) {
            Path from = source.starterDir(exercise);
            Path to = workspace.exerciseDir(exercise);
            for (Path file : FileTrees.files(from)) {
                Path target = to.resolve(file.toString());
                if (Files.exists(target)) {
                    clashes.add(root.relativize(target).toString());
                }
                copies.add(new Path[] {from.resolve(file.toString()), target});
            }
        }
        if (!clashes.isEmpty()) {
            throw SproutException.invalidInput("sprout never overwrites your files, and " + root + " already has "
                    + clashes.size() + " of the exercise files, e.g. "
                    + String.join(", ", clashes.subList(0, Math.min(3, clashes.size())))
                    + ".\nTo keep working on them, run `sprout next` there. To start fresh, pick a new folder: "
                    + "`sprout init my-python`. To get one starter back, use `sprout reset EXERCISE`.");
        }

        for (Path[] copy : copies) {
            Files.createDirectories(copy[1].getParent());
            Files.copy(copy[0], copy[1]);
        }
        List<String> kept = new ArrayList<>();
        writeUnlessPresent(root, root.resolve("README.md"), readme(source), kept);
        writeUnlessPresent(root, root.resolve(".gitignore"), GITIGNORE, kept);
        // pull requests get graded in CI by the sprout GitHub Action (docs/grading-in-ci.md), which
        // is only possible when we know where sprout is published: a workflow naming a made-up
        // repository would fail on every push
        if (actionSource.isPresent()) {
            Path workflow = root.resolve(CiWorkflow.PATH);
            Files.createDirectories(workflow.getParent());
            writeUnlessPresent(root, workflow, CiWorkflow.github(actionSource.get()), kept);
        }
        Progress progress = Progress.load(workspace);
        progress.setPack(packDir.map(Path::toString));
        progress.setCurrent(source.exercises().get(0));
        progress.save();

        var style = console.style();
        console.out()
                .println(style.green("✓ ") + "Made your workspace in " + root + " with "
                        + source.exercises().size() + " exercises.");
        kept.forEach(name -> console.out().println("  " + name + " was already there, so it was left as it is."));
        if (!noGit) {
            git(root);
        }
        if (actionSource.isEmpty()) {
            console.out()
                    .println(
                            "  No GitHub workflow yet: to check pull requests on GitHub, run `sprout init "
                                    + "--action-repo OWNER/REPO` in the workspace, naming the GitHub repository sprout is published in.");
        }
        console.out().println();
        console.out().println("Next:");
        if (dir != null) {
            // quoted when needed, so the line pastes into a shell even with spaces in the path
            console.out().println("  cd " + Shell.quote(dir.toString()));
        }
        console.out().println("  sprout next     read your first exercise");
        console.out().println("  sprout watch    check your work every time you save");
        return ExitCode.OK;
    }

    /** {@code init --action-repo} in an existing workspace: the workflow is all that is missing. */
    private int addWorkflow(Path root, CiWorkflow.ActionSource source) throws IOException {
        Path workflow = root.resolve(CiWorkflow.PATH);
        if (Files.exists(workflow)) {
            throw SproutException.invalidInput(
                    CiWorkflow.PATH + " is already there, so sprout left it as it is. " + "To take sprout from "
                            + source.repository() + ", change SPROUT_REPOSITORY (and SPROUT_REF) at its top.");
        }
        Files.createDirectories(workflow.getParent());
        Files.writeString(workflow, CiWorkflow.github(source), StandardCharsets.UTF_8);
        console.out()
                .println(console.style().green("✓ ") + "Wrote " + CiWorkflow.PATH + ": GitHub checks your pull "
                        + "requests with sprout from " + source.repository() + "@" + source.ref()
                        + ". Commit it and push.");
        return ExitCode.OK;
    }

    private void git(Path root) {
        Optional<GitRepo> existing = GitRepo.find(root, console.environment());
        if (existing.isPresent()) {
            console.out().println("  This folder is already in a git repository, so sprout left git alone.");
            return;
        }
        Optional<GitRepo> made = GitRepo.init(root, console.environment());
        if (made.isEmpty()) {
            console.out()
                    .println("  git was not found, so this folder is not a git repository yet. Install git to "
                            + "save your work step by step, then run `git init` here.");
            return;
        }
        GitRepo git = made.get();
        String message = "Start my Python learning with sprout";
        String command = Completion.commitCommand(console, git, root, message);
        if (!git.hasIdentity()) {
            console.out()
                    .println(console.style().green("✓ ") + "Made it a git repository, so you can save each "
                            + "step with `git commit`.");
            Completion.identityHelp(console);
            console.out().println("Then save the starter files as your first commit (inside the folder): " + command);
            return;
        }
        Optional<GitRepo.Result> added = git.addAll(root);
        Optional<GitRepo.Result> committed = added.filter(GitRepo.Result::ok).flatMap(a -> git.commit(message));
        if (committed.filter(GitRepo.Result::ok).isPresent()) {
            console.out()
                    .println(console.style().green("✓ ") + "Made it a git repository and saved the starter files "
                            + "as its first commit, so you can save each step with `git commit`.");
        } else {
            String said = committed.or(() -> added).map(r -> r.output().strip()).orElse("git could not be run");
            console.out()
                    .println(console.style().green("✓ ") + "Made it a git repository, so you can save each "
                            + "step with `git commit`.");
            console.err()
                    .println(console.style().yellow("note: ") + "The first commit did not work. git said: "
                            + said.lines().findFirst().orElse(said));
            console.err().println("  Try it yourself, inside the folder: " + command);
        }
    }

    private static void writeUnlessPresent(Path root, Path file, String text, List<String> kept) throws IOException {
        if (Files.exists(file)) {
            kept.add(root.relativize(file).toString());
            return;
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static String readme(Pack pack) {
        Exercise first = pack.exercises().get(0);
        return String.join(
                "\n",
                "# My Python learning",
                "",
                "This folder holds my Python exercises, made with sprout. Each exercise is a folder under",
                "`exercises/` with instructions (`README.md`) and a file for me to finish.",
                "",
                "## How it works",
                "",
                "- `sprout next` shows the exercise I'm on and the file to edit.",
                "- `sprout watch` checks my file every time I save it (press `h` for a hint, `q` to quit).",
                "- `sprout submit` checks it once; `sprout hint` gives one more hint each time.",
                "- `sprout run` runs my program so I can try it by hand.",
                "- `sprout list` and `sprout progress` show how far I've come.",
                "- `sprout reset EXERCISE` gives me the starter back (my version is kept in `.sprout/backups/`).",
                "",
                "When an exercise passes, a model answer appears in `solutions/` to compare with mine.",
                "`.sprout/progress.json` remembers what I've done: commit it along with my code.",
                "",
                "First up: **" + first.spec().title() + "** in `" + "exercises/"
                        + first.relativeDir().toString().replace('\\', '/') + "/`.",
                "");
    }
}
