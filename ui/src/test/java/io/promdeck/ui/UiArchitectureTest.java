package io.promdeck.ui;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Nothing in ui/ talks HTTP or Kubernetes directly: it goes through app/'s clients and services. */
@AnalyzeClasses(packages = "io.promdeck.ui", importOptions = ImportOption.DoNotIncludeTests.class)
class UiArchitectureTest {

    @ArchTest
    static final ArchRule noDirectIo = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("okhttp3..", "io.fabric8..", "java.net.http..")
            .because("views and view models call app/ services, which return typed results");
}
