package dev.sprout.grading;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.apache.commons.io.FileUtils;

import dev.sprout.runner.Engine;
import dev.sprout.runner.Observation;
import dev.sprout.runner.Session;
import dev.sprout.runner.Submission;
import dev.sprout.sandbox.Limits;
import dev.sprout.spec.Action;
import dev.sprout.spec.Case;
import dev.sprout.spec.Expectation;
import dev.sprout.spec.GeneratedSpecs;
import dev.sprout.spec.GraderSpec;
import dev.sprout.value.PyValue;

/**
 * The expected answers of generated cases: the grader folder's generators.py makes the arguments
 * and the reference solution answers them, both in a session of their own (a sandbox and an
 * interpreter apart from the learner's, opened through the same engine), so pack code never runs
 * on the host and the answers never enter the learner's sandbox. Answers are remembered for the
 * JVM (a batch grades many submissions against one reference), keyed by the exact texts of the
 * reference and the generators, so a changed file is run again.
 */
final class ReferenceAnswers {

    /** One generated case: the learner's call with its arguments and expectation, or why there is none (the grader's fault). */
    record Resolved(Optional<Case> testCase, Optional<String> problem) {

        static Resolved broken(String problem) {
            return new Resolved(Optional.empty(), Optional.of(problem));
        }
    }

    /** The reference's answer to one list of arguments: a value, or the type of exception it raised. */
    private record Answer(List<PyValue> args, Optional<PyValue> value, Optional<String> raised) {}

    /** One {@code generate:} block as the reference sees it. */
    private record Block(String generator, String function, int count, long seed) {

        static Block of(Action.Generated g) {
            return new Block(g.generator(), g.function(), g.count(), g.seed());
        }

        String expression() {
            return "__import__('generators')." + generator + "(__import__('random').Random(" + seed + "), " + count
                    + ")";
        }
    }

    private static final int CACHED_BLOCKS = 128;
    /**
     * What each block made, answers or a problem the generator or reference itself caused (not
     * one of sprout's: a sandbox that did not start is tried again next time).
     */
    private static final Map<List<Object>, Made> CACHE =
            Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<List<Object>, Made> eldest) {
                    return size() > CACHED_BLOCKS;
                }
            });

    private ReferenceAnswers() {}

    /**
     * Runs the reference for every generated case of the spec now, before the learner's session
     * starts its clock, so the reference's time is not charged to the learner; grading then finds
     * the answers remembered.
     */
    static void prefetch(Engine engine, GraderSpec spec, Limits limits, Function<Case, Limits> caseLimits) {
        List<CaseContext> generated = spec.cases()
                .filter(c -> c.action() instanceof Action.Generated)
                .map(c -> new CaseContext(c, 0, "", caseLimits.apply(c)))
                .toList();
        if (!generated.isEmpty()) {
            resolve(engine, spec, limits, generated);
        }
    }

    /**
     * Resolves the generated cases among {@code cases}, by case name; other cases are not in the
     * map. Runs the generators and the reference at most once per block and grading.
     */
    static Map<String, Resolved> resolve(Engine engine, GraderSpec spec, Limits limits, List<CaseContext> cases) {
        Map<Block, List<CaseContext>> byBlock = new LinkedHashMap<>();
        for (CaseContext c : cases) {
            if (c.testCase().action() instanceof Action.Generated g) {
                byBlock.computeIfAbsent(Block.of(g), b -> new ArrayList<>()).add(c);
            }
        }
        Map<String, Resolved> resolved = new LinkedHashMap<>();
        if (byBlock.isEmpty()) {
            return resolved;
        }
        Path graderDir = spec.file().toAbsolutePath().getParent();
        Optional<String> solution = read(graderDir.resolve("solution.py"));
        Optional<String> generators = read(graderDir.resolve(GeneratedSpecs.GENERATORS_FILE));
        Map<Block, List<Answer>> answers = new LinkedHashMap<>();
        Map<Block, String> problems = new LinkedHashMap<>();
        if (solution.isEmpty() || generators.isEmpty()) {
            String missing = solution.isEmpty() ? "solution.py" : GeneratedSpecs.GENERATORS_FILE;
            byBlock.keySet().forEach(b -> problems.put(b, "the grader folder has no readable " + missing));
        } else {
            List<Block> toRun = new ArrayList<>();
            for (Block block : byBlock.keySet()) {
                Made known = CACHE.get(key(engine, spec, solution.get(), generators.get(), block));
                if (known == null) {
                    toRun.add(block);
                } else if (known.answers().isPresent()) {
                    answers.put(block, known.answers().get());
                } else {
                    problems.put(block, known.problem());
                }
            }
            if (!toRun.isEmpty()) {
                Map<Block, Made> made = run(engine, spec, limits, byBlock, toRun);
                made.forEach((block, m) -> {
                    m.answers().ifPresentOrElse(a -> answers.put(block, a), () -> problems.put(block, m.problem()));
                    if (m.cacheable()) {
                        CACHE.put(key(engine, spec, solution.get(), generators.get(), block), m);
                    }
                });
            }
        }
        byBlock.forEach((block, contexts) -> {
            for (CaseContext c : contexts) {
                Case generated = c.testCase();
                resolved.put(
                        generated.name(),
                        problems.containsKey(block)
                                ? Resolved.broken(problems.get(block))
                                : new Resolved(Optional.of(concrete(generated, answers.get(block))), Optional.empty()));
            }
        });
        return resolved;
    }

    private static List<Object> key(Engine engine, GraderSpec spec, String solution, String generators, Block block) {
        return List.of(
                engine.name(),
                spec.file().toAbsolutePath().normalize(),
                spec.entry(),
                spec.requires(),
                solution,
                generators,
                block);
    }

    /** The learner's call: the generated arguments, expecting what the reference answered. */
    private static Case concrete(Case generated, List<Answer> answers) {
        Action.Generated g = (Action.Generated) generated.action();
        Answer answer = answers.get(g.index());
        Expectation expect = answer.value().isPresent()
                ? generated.expect().expectingValue(answer.value().get())
                : generated.expect().expectingRaise(answer.raised().orElseThrow());
        return new Case(
                generated.name(),
                generated.line(),
                generated.points(),
                generated.hidden(),
                generated.timeout(),
                generated.hint(),
                new Action.Call(g.function(), answer.args(), Map.of()),
                generated.stdin(),
                generated.files(),
                expect,
                generated.source(),
                generated.stub(),
                generated.postgres());
    }

    /** Opens the reference's session once and answers every block in it. */
    private static Map<Block, Made> run(
            Engine engine, GraderSpec spec, Limits limits, Map<Block, List<CaseContext>> byBlock, List<Block> blocks) {
        Map<Block, Made> made = new LinkedHashMap<>();
        Path dir = null;
        try {
            dir = referenceFolder(spec);
            try (Session session =
                    engine.open(new Submission(dir, spec.entry(), spec.requires(), referenceBudget(limits, blocks)))) {
                if (!session.missingModules().isEmpty()) {
                    // the learner's cases say missing-dependency; nothing to remember
                    Made missing = new Made(
                            Optional.empty(),
                            "this Python lacks " + String.join(", ", session.missingModules()),
                            false);
                    blocks.forEach(b -> made.put(b, missing));
                    return made;
                }
                Optional<Observation.PythonError> loadError = session.load();
                if (loadError.isPresent()) {
                    blocks.forEach(b ->
                            made.put(b, fail("the reference solution does not load: " + describe(loadError.get()))));
                    return made;
                }
                for (Block block : blocks) {
                    made.put(
                            block,
                            answer(
                                    session,
                                    block,
                                    roomier(byBlock.get(block).get(0).limits())));
                }
            }
        } catch (GradingCancelled e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            Made broken =
                    new Made(Optional.empty(), "sprout could not run the reference solution: " + e.getMessage(), false);
            blocks.forEach(b -> made.putIfAbsent(b, broken));
        } finally {
            if (dir != null) {
                FileUtils.deleteQuietly(dir.toFile());
            }
        }
        return made;
    }

    /**
     * The reference is the pack's own, trusted code: a slow machine (or GraalPy, interpreted)
     * must not turn it into a "grader's fault", so each of its calls gets three times the case's
     * time, still bounded.
     */
    private static Limits roomier(Limits limits) {
        return limits.withCpu(limits.cpu().multipliedBy(ROOM))
                .withWall(limits.wall().multipliedBy(ROOM));
    }

    /** The whole reference session may take as long as all its calls together could. */
    private static Limits referenceBudget(Limits limits, List<Block> blocks) {
        long calls = blocks.stream().mapToLong(b -> b.count() + 1L).sum();
        Duration all = limits.wall().multipliedBy(ROOM).multipliedBy(calls);
        return all.compareTo(limits.submissionWall()) > 0 ? limits.withSubmissionWall(all) : limits;
    }

    private static final int ROOM = 3;

    /** A block's answers, or what went wrong making them. */
    private record Made(Optional<List<Answer>> answers, String problem, boolean cacheable) {}

    /** The generated arguments and the reference's answer to each, or why there are none. */
    private static Made answer(Session session, Block block, Limits limits) {
        Observation made = session.run(internalCase("generate", new Action.Expr(block.expression())), limits);
        String generator = GeneratedSpecs.GENERATORS_FILE + "'s " + block.generator() + "()";
        if (made.status() != Observation.Status.RETURNED || made.value().isEmpty()) {
            return fail(generator + " " + ended(made));
        }
        if (!(made.value().get() instanceof PyValue.PySequence all)
                || all.kind().unordered()
                || all.items().size() != block.count()) {
            return fail(generator + " should return a list of " + block.count() + " argument lists, but returned "
                    + made.value().get().typeName()
                    + (made.value().get() instanceof PyValue.PySequence s
                            ? " of " + s.items().size()
                            : ""));
        }
        List<Answer> answers = new ArrayList<>();
        for (int i = 0; i < all.items().size(); i++) {
            if (!(all.items().get(i) instanceof PyValue.PySequence args)
                    || args.kind().unordered()) {
                return fail(generator + " returned item " + (i + 1) + " that is not a list of arguments");
            }
            Observation o = session.run(
                    internalCase("reference", new Action.Call(block.function(), args.items(), Map.of())), limits);
            String call =
                    "the reference solution's " + new Action.Call(block.function(), args.items(), Map.of()).describe();
            if (o.status() == Observation.Status.RETURNED) {
                answers.add(new Answer(
                        args.items(), Optional.of(o.value().orElse(new PyValue.PyNone())), Optional.empty()));
            } else if (o.status() == Observation.Status.RAISED && o.exception().isPresent()) {
                answers.add(new Answer(
                        args.items(),
                        Optional.empty(),
                        Optional.of(o.exception().get().type())));
            } else {
                return fail((call.length() <= 200 ? call : call.substring(0, 199) + "…") + " " + ended(o));
            }
        }
        return new Made(Optional.of(answers), "", true);
    }

    private static Made fail(String problem) {
        return new Made(Optional.empty(), problem, true);
    }

    private static String ended(Observation o) {
        return switch (o.status()) {
            case RAISED ->
                "raised " + o.exception().map(ReferenceAnswers::describe).orElse("an exception");
            case TIMEOUT, CPU_LIMIT -> "ran out of time";
            case MEMORY_LIMIT -> "ran out of memory";
            case OUTPUT_LIMIT -> "printed too much";
            default -> "ended with " + o.status().name().toLowerCase(Locale.ROOT);
        };
    }

    private static String describe(Observation.PythonError error) {
        return error.type() + (error.message().isBlank() ? "" : ": " + error.message());
    }

    private static Case internalCase(String name, Action action) {
        return new Case(
                name,
                0,
                0,
                true,
                Optional.empty(),
                Optional.empty(),
                action,
                "",
                Map.of(),
                GeneratedSpecs.noExpectation(),
                "",
                Optional.empty());
    }

    /** The exercise's starter folder with the reference in the learner's file and generators.py beside it. */
    private static Path referenceFolder(GraderSpec spec) throws IOException {
        Path graderDir = spec.file().toAbsolutePath().getParent();
        Path starter = ExerciseRun.starterDir(spec);
        Path dir = Files.createTempDirectory("sprout-reference-");
        if (Files.isDirectory(starter)) {
            FileUtils.copyDirectory(starter.toFile(), dir.toFile());
        }
        Files.copy(graderDir.resolve("solution.py"), dir.resolve(spec.entry()), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(
                graderDir.resolve(GeneratedSpecs.GENERATORS_FILE),
                dir.resolve(GeneratedSpecs.GENERATORS_FILE),
                StandardCopyOption.REPLACE_EXISTING);
        return dir;
    }

    private static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
