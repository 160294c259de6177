package dev.sprout;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency rule of ARCHITECTURE.md ("Who may use whom"), read from the compiled classes:
 * a package that reaches the wrong way, a cycle between packages, or a new package nobody placed
 * in the rule fails the build. Change the rule here and in ARCHITECTURE.md together.
 */
class ArchitectureTest {

    private static final String[] PACKAGES = {
        "value", "process", "result", "sandbox", "spec", "catalog", "runner", "grading", "report", "watch", "batch",
        "cli", "graalpy", "daemon"
    };

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("dev.sprout");
    }

    @Test
    void importsTheMainClassesNotNothing() {
        // a rule checked against no classes passes; make sure the import found the code
        assertThat(main.stream()
                        .filter(c -> c.getPackageName().equals("dev.sprout.grading"))
                        .count())
                .as("classes imported from dev.sprout.grading")
                .isGreaterThan(10);
    }

    @Test
    void everyPackageIsPlacedInTheDependencyRule() {
        String[] known = new String[PACKAGES.length];
        for (int i = 0; i < PACKAGES.length; i++) {
            known[i] = "dev.sprout." + PACKAGES[i];
        }
        classes()
                .should()
                .resideInAnyPackage(known)
                .because("a new package needs its place in ARCHITECTURE.md's dependency rule and in this test")
                .check(main);
    }

    @Test
    void packagesUseOnlyThePackagesBelowThem() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .withOptionalLayers(true) // graalpy is compiled only with -Pgraalpy
                .layer("value")
                .definedBy("dev.sprout.value")
                .layer("process")
                .definedBy("dev.sprout.process")
                .layer("result")
                .definedBy("dev.sprout.result")
                .layer("sandbox")
                .definedBy("dev.sprout.sandbox")
                .layer("spec")
                .definedBy("dev.sprout.spec")
                .layer("catalog")
                .definedBy("dev.sprout.catalog")
                .layer("runner")
                .definedBy("dev.sprout.runner")
                .layer("grading")
                .definedBy("dev.sprout.grading")
                .layer("report")
                .definedBy("dev.sprout.report")
                .layer("watch")
                .definedBy("dev.sprout.watch")
                .layer("batch")
                .definedBy("dev.sprout.batch")
                .layer("cli")
                .definedBy("dev.sprout.cli")
                .layer("graalpy")
                .definedBy("dev.sprout.graalpy")
                .layer("daemon")
                .definedBy("dev.sprout.daemon")
                .whereLayer("value")
                .mayNotAccessAnyLayer()
                .whereLayer("process")
                .mayNotAccessAnyLayer()
                .whereLayer("graalpy")
                .mayNotAccessAnyLayer() // a separate worker JVM: only the protocol joins it
                .whereLayer("result")
                .mayOnlyAccessLayers("spec", "value")
                .whereLayer("sandbox")
                .mayOnlyAccessLayers("process")
                .whereLayer("spec")
                .mayOnlyAccessLayers("value")
                .whereLayer("catalog")
                .mayOnlyAccessLayers("spec", "value")
                .whereLayer("runner")
                .mayOnlyAccessLayers("sandbox", "spec", "value", "process")
                .whereLayer("grading")
                .mayOnlyAccessLayers("runner", "sandbox", "spec", "value", "result")
                .whereLayer("report")
                .mayOnlyAccessLayers("result", "spec", "value")
                .whereLayer("watch")
                .mayOnlyAccessLayers("grading", "report", "result", "value")
                .whereLayer("batch")
                .mayOnlyAccessLayers("catalog", "grading", "runner", "report", "result", "spec", "value")
                .whereLayer("cli")
                .mayOnlyAccessLayers(
                        "batch", "catalog", "grading", "process", "report", "result", "runner", "sandbox", "spec",
                        "value", "watch")
                .whereLayer("daemon")
                .mayOnlyAccessLayers("cli", "sandbox", "process", "value")
                .whereLayer("daemon")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("cli")
                .mayOnlyBeAccessedByLayers("daemon")
                .check(main);
    }

    @Test
    void noCyclesBetweenPackages() {
        slices().matching("dev.sprout.(*)..").should().beFreeOfCycles().check(main);
    }
}
