package org.messagebroker.systemtests.security;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The architecture's trust boundaries, checked on the compiled code: the proxy and the worker never
 * reach the server's persistence, keys or CA; the portal reaches nothing of the server at all.
 */
class ModuleBoundaryTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.messagebroker");
    }

    @Test
    void proxyAndWorkerDoNotDependOnTheServer() {
        noClasses().that().resideInAnyPackage("org.messagebroker.proxy..", "org.messagebroker.worker..")
                .should().dependOnClassesThat().resideInAPackage("org.messagebroker.server..")
                .check(classes);
    }

    @Test
    void proxyAndWorkerCannotOpenSealedMessages() {
        noClasses().that().resideInAnyPackage("org.messagebroker.proxy..", "org.messagebroker.worker..",
                        "org.messagebroker.queue..")
                .should().dependOnClassesThat().haveFullyQualifiedName("org.messagebroker.core.seal.EnvelopeOpener")
                .check(classes);
    }

    @Test
    void thePortalTalksOnlyToTheServersApi() {
        noClasses().that().resideInAPackage("org.messagebroker.portal..")
                .should().dependOnClassesThat().resideInAnyPackage("org.messagebroker.server..",
                        "org.messagebroker.queue..", "org.springframework.jdbc..")
                .check(classes);
    }

    @Test
    void theCoreDependsOnNoRole() {
        noClasses().that().resideInAPackage("org.messagebroker.core..")
                .should().dependOnClassesThat().resideInAnyPackage("org.messagebroker.proxy..",
                        "org.messagebroker.server..", "org.messagebroker.worker..", "org.messagebroker.portal..",
                        "org.messagebroker.queue..", "org.messagebroker.cli..")
                .check(classes);
    }
}
