package dev.sprout.grading;

import java.util.Optional;
import java.util.function.Function;

import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;
import org.junit.platform.engine.support.discovery.EngineDiscoveryRequestResolver;
import org.junit.platform.engine.support.hierarchical.HierarchicalTestEngine;

import dev.sprout.runner.CPythonEngine;
import dev.sprout.runner.Engine;
import dev.sprout.runner.InterpreterFinder;
import dev.sprout.sandbox.Sandboxes;

/**
 * The "sprout" JUnit Platform engine: exercise > task > case descriptors from grader specs,
 * each case run by a Python {@link Engine} and graded in Java. Any JUnit tool can run it.
 */
public final class SproutTestEngine extends HierarchicalTestEngine<ExecutionContext> {

    private final Function<SproutConfig, Engine> engines;

    /** Used by the JUnit Platform's service loader: CPython, strongest sandbox available. */
    public SproutTestEngine() {
        this(config -> new CPythonEngine(new InterpreterFinder(Optional.empty(), System.getenv()),
                Sandboxes.choose("auto")));
    }

    /** For the CLI and tests: the Python engine to grade with. */
    public SproutTestEngine(Engine engine) {
        this(config -> engine);
    }

    private SproutTestEngine(Function<SproutConfig, Engine> engines) {
        this.engines = engines;
    }

    @Override
    public String getId() {
        return SproutConfig.ENGINE_ID;
    }

    @Override
    public Optional<String> getGroupId() {
        return Optional.of("dev.sprout");
    }

    @Override
    public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
        EngineDescriptor engineDescriptor = new EngineDescriptor(uniqueId, "sprout");
        SproutConfig config = new SproutConfig(request.getConfigurationParameters());
        DiscoveryIssueReporter issues = DiscoveryIssueReporter.deduplicating(
                DiscoveryIssueReporter.forwarding(request.getDiscoveryListener(), uniqueId));
        EngineDiscoveryRequestResolver.<EngineDescriptor>builder()
                .addSelectorResolver(context -> new SpecResolver(config, issues))
                .addTestDescriptorVisitor(context -> TestDescriptor::prune)
                .build()
                .resolve(request, engineDescriptor, issues);
        return engineDescriptor;
    }

    @Override
    protected ExecutionContext createExecutionContext(ExecutionRequest request) {
        SproutConfig config = new SproutConfig(request.getConfigurationParameters());
        return new ExecutionContext(engines.apply(config), config, request.getEngineExecutionListener());
    }

}
