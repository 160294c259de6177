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
import dev.sprout.spec.SpecParser;

/**
 * The "sprout" JUnit Platform engine: exercise > task > case descriptors from grader specs,
 * each case run by a Python {@link Engine} and graded in Java. Any JUnit tool can run it.
 */
public final class SproutTestEngine extends HierarchicalTestEngine<ExecutionContext> {

    private final Function<SproutConfig, Engine> engines;
    private final SpecResolver.SpecReader specs;

    /** Used by the JUnit Platform's service loader: CPython, strongest sandbox available. */
    public SproutTestEngine() {
        this(
                config -> new CPythonEngine(
                        new InterpreterFinder(Optional.empty(), System.getenv()), Sandboxes.choose("auto")),
                SpecParser::parse);
    }

    /** For the CLI and tests: the Python engine to grade with. */
    public SproutTestEngine(Engine engine) {
        this(config -> engine, SpecParser::parse);
    }

    /** For tests: specs read through {@code specs}, e.g. to count how often each is parsed. */
    SproutTestEngine(Engine engine, SpecResolver.SpecReader specs) {
        this(config -> engine, specs);
    }

    private SproutTestEngine(Function<SproutConfig, Engine> engines, SpecResolver.SpecReader specs) {
        this.engines = engines;
        this.specs = specs;
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
                .addSelectorResolver(context -> new SpecResolver(config, issues, specs))
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
