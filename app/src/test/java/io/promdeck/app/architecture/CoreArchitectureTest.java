package io.promdeck.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The core runs headless anywhere: no JavaFX, and the clients do not reach up into the layers above them. */
@AnalyzeClasses(packages = "io.promdeck.app", importOptions = ImportOption.DoNotIncludeTests.class)
class CoreArchitectureTest {

    @ArchTest
    static final ArchRule noJavaFx = noClasses().should().dependOnClassesThat().resideInAPackage("javafx..")
            .because("app/ is the headless core; the UI lives in ui/");

    @ArchTest
    static final ArchRule httpKnowsNoComponent = noClasses().that().resideInAPackage("..app.http..")
            .should().dependOnClassesThat().resideInAnyPackage("..app.prometheus..", "..app.alertmanager..", "..app.thanos..")
            .because("the transport layer is shared by every client");
}
