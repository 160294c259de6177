package dev.sprout.runner;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.sprout.process.ExitHooks;
import dev.sprout.sandbox.Sandbox;

/**
 * GraalPy, for machines with a JDK and no Python: a worker JVM in the same OS sandbox as
 * CPython, speaking the harness protocol (docs/graalpy-worker.md). This class never loads
 * GraalPy itself; measurements (DESIGN.md, "Engines") rule out running it in the CLI's JVM.
 *
 * <p>Workers stay warm between submissions, so in {@code watch} and batch grading only the first
 * one pays GraalPy's start-up. A submission borrows an idle worker (or starts one) and gives it
 * back when closed, so concurrent gradings on one engine each get their own worker.
 */
public final class GraalPyEngine implements Engine, AutoCloseable {

    private final Sandbox sandbox;
    private final GraalPyFiles files;
    private final Map<String, String> environment;
    private final Consumer<String> notices;
    private final Deque<GraalPyWorker> idle = new ArrayDeque<>();
    private final List<GraalPyWorker> all = new ArrayList<>();
    private boolean prepared;
    private GraalPyJvm jvm;
    private boolean told;
    private Thread cleanup;
    private boolean sameLimitsOnly;

    /**
     * @param environment where the worker's JDK and runtime may be chosen (GraalPyJvm)
     * @param notices     one-line messages for the user while GraalPy is built or warms up (once each)
     */
    public GraalPyEngine(
            Sandbox sandbox, GraalPyFiles files, Map<String, String> environment, Consumer<String> notices) {
        this.sandbox = sandbox;
        this.files = files;
        this.environment = Map.copyOf(environment);
        this.notices = notices;
    }

    /**
     * Not in CI: a job starts from a fresh checkout, where half a minute of training would outweigh
     * the seconds it saves (a cache restored from an earlier job is still used).
     */
    static boolean trainsStartupCache(Map<String, String> environment) {
        return !environment.containsKey("CI") && !environment.containsKey("GITHUB_ACTIONS");
    }

    public GraalPyEngine(Sandbox sandbox, GraalPyFiles files, Consumer<String> notices) {
        this(sandbox, files, System.getenv(), notices);
    }

    public GraalPyEngine(Sandbox sandbox, Consumer<String> notices) {
        this(sandbox, GraalPyFiles.forThisSprout(), notices);
    }

    @Override
    public String name() {
        return "graalpy";
    }

    public Sandbox sandbox() {
        return sandbox;
    }

    public GraalPyFiles files() {
        return files;
    }

    String sandboxDescription() {
        return "sandbox tier " + sandbox.tier().letter() + " (" + sandbox.tier().optionName() + ")";
    }

    @Override
    public Session open(Submission submission) {
        GraalPyWorker worker = borrow(submission);
        try {
            return new GraalPySession(this, worker, submission);
        } catch (RuntimeException e) {
            giveBack(worker);
            throw e;
        }
    }

    private GraalPyWorker borrow(Submission submission) {
        synchronized (this) {
            if (!prepared) {
                jvm = GraalPyJvm.choose(files, environment);
                files.prepare(jvm, trainsStartupCache(environment), notices);
                prepared = true;
            }
            if (sameLimitsOnly) {
                // kept warm across commands (the warm server): a worker whose sandbox was started
                // with another exercise's limits is not this submission's
                for (GraalPyWorker other : List.copyOf(idle)) {
                    if (!other.limits().equals(submission.limits())) {
                        idle.remove(other);
                        all.remove(other);
                        other.close();
                    }
                }
            }
            GraalPyWorker worker = idle.poll();
            if (worker != null) {
                return worker;
            }
            if (!told) {
                told = true;
                notices.accept("Warming up GraalPy (the first run takes ~5 s)...");
            }
            worker = new GraalPyWorker(sandbox, files, jvm, submission.limits());
            all.add(worker);
            if (cleanup == null) {
                // the CLI never closes its engine: its workers' folders go when the JVM does
                cleanup = new Thread(this::close, "sprout-graalpy-cleanup");
                ExitHooks.add(cleanup);
            }
            return worker;
        }
    }

    /**
     * Kept for many commands, one after another (the warm server): reuse only workers started with
     * the submission's own limits, and say "warming up" again when a worker must start.
     */
    synchronized GraalPyEngine keptWarm() {
        sameLimitsOnly = true;
        return this;
    }

    /** Forgets that the user was told about warming up: a new command, a new user message. */
    synchronized void newCommand() {
        told = false;
    }

    synchronized void giveBack(GraalPyWorker worker) {
        if (all.contains(worker) && !idle.contains(worker)) {
            idle.push(worker);
        }
    }

    /** Stops every worker (they also die with the JVM). */
    @Override
    public synchronized void close() {
        all.forEach(GraalPyWorker::close);
        all.clear();
        idle.clear();
        if (cleanup != null && Thread.currentThread() != cleanup) {
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run
            }
            cleanup = null;
        }
    }
}
