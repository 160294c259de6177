package dev.sprout.spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code tests:} cases (the learner writes tests; they are graded against the exercise's
 * module and the grader's mutants of it) and the spec's {@code module:}.
 */
final class TestsSpecs {

    private TestsSpecs() {}

    /** The spec's {@code module:}, checked: a .py file name inside the exercise folder, not the entry. */
    static Optional<String> module(SpecNode root, String entry) {
        Optional<String> module = root.opt("module").map(SpecNode::nonBlankText);
        module.ifPresent(m -> {
            if (!relativePy(m)) {
                throw root.get("module")
                        .fail("must be a .py file inside the exercise folder, the module the learner's tests import, "
                                + "e.g. cart.py");
            }
            if (m.equals(entry)) {
                throw root.get("module")
                        .fail("the module under test cannot be the learner's own file (entry: " + entry + ")");
            }
        });
        return module;
    }

    /**
     * A {@code tests:} case: {@code tests: {}} runs the learner's tests against the real module,
     * {@code tests: {mutant: mutants/x.py}} against that mutant, with {@code describe:} saying in
     * words what tests that miss it do not check.
     */
    static Action.Tests tests(SpecNode caseNode, Optional<String> module, Path specFile) {
        SpecNode node = caseNode.get("tests");
        if (module.isEmpty()) {
            throw node.fail("a tests case needs the module under test: add 'module: cart.py' at the top of the spec "
                    + "(a file of the exercise folder, which the learner's tests import)");
        }
        if (!node.json().isObject()) {
            throw node.fail("write 'tests: {}' for the real module, or 'tests: {mutant: mutants/name.py}'");
        }
        node.allowOnly("mutant");
        Optional<String> mutant = node.opt("mutant").map(SpecNode::nonBlankText);
        if (mutant.isPresent() && !relativePy(mutant.get())) {
            throw node.get("mutant").fail("must be a .py file inside the grader folder, e.g. mutants/no_discount.py");
        }
        Optional<String> missed = caseNode.opt("describe").map(SpecNode::nonBlankText);
        if (mutant.isPresent() && missed.isEmpty()) {
            throw caseNode.fail("a mutant case needs 'describe:', what tests that miss this mutant do not check, in "
                    + "words (never code), e.g. describe: \"your tests do not check an empty cart\"");
        }
        if (mutant.isEmpty() && missed.isPresent()) {
            throw caseNode.get("describe").fail("only mutant cases take 'describe'");
        }
        Path graderDir = specFile.toAbsolutePath().getParent();
        Path moduleFile = moduleFile(graderDir, module.get());
        Optional<Path> mutantFile = mutant.map(graderDir::resolve);
        // a spec read from disk must name files that exist; one parsed from text alone (tests) cannot
        if (Files.isRegularFile(specFile)) {
            if (!Files.isRegularFile(moduleFile)) {
                throw node.fail("the module " + module.get() + " is not in the exercise folder (looked for "
                        + moduleFile + ")");
            }
            if (mutantFile.isPresent() && !Files.isRegularFile(mutantFile.get())) {
                throw node.get("mutant").fail("no such file in the grader folder: " + mutant.get());
            }
        }
        return new Action.Tests(module.get(), moduleFile, mutant, mutantFile, missed);
    }

    /**
     * The real module lives in the pack's exercise folder ({@code graders/<stage>/<slug>} →
     * {@code exercises/<stage>/<slug>}), where the learner got their copy; otherwise beside the spec.
     */
    private static Path moduleFile(Path graderDir, String module) {
        Path stage = graderDir.getParent();
        Path graders = stage == null ? null : stage.getParent();
        if (graders != null && graders.getParent() != null) {
            Path shipped = graders.resolveSibling("exercises")
                    .resolve(stage.getFileName().toString())
                    .resolve(graderDir.getFileName().toString())
                    .resolve(module);
            if (Files.isRegularFile(shipped)) {
                return shipped;
            }
        }
        return graderDir.resolve(module);
    }

    /**
     * Tests cases come as one real-module case and its mutants: at most one {@code tests: {}}
     * case, before every mutant case, and it is there when mutants are (a mutant is caught by a
     * test that fails on it but passes on the real module).
     */
    static void checkOrder(SpecNode root, List<SpecNode> caseNodes, List<Case> cases) {
        if (root.has("module") && cases.stream().noneMatch(c -> c.action() instanceof Action.Tests)) {
            throw root.get("module").fail("only tests cases use 'module', and this spec has none: remove it");
        }
        boolean real = false;
        for (int i = 0; i < cases.size(); i++) {
            if (!(cases.get(i).action() instanceof Action.Tests tests)) {
                continue;
            }
            if (tests.mutant().isEmpty()) {
                if (real) {
                    throw caseNodes.get(i).fail("only one case runs the tests against the real module ('tests: {}')");
                }
                real = true;
            } else if (!real) {
                throw caseNodes
                        .get(i)
                        .fail("a mutant case needs the real-module case ('tests: {}') before it: a mutant counts as "
                                + "caught only by a test that passes on the real module");
            }
        }
    }

    private static boolean relativePy(String name) {
        return name.endsWith(".py") && !name.contains("..") && !name.startsWith("/") && !name.contains("\\");
    }
}
