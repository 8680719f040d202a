package org.messagebroker.server;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The server's feature packages depend on each other in one direction only: no package cycle. */
class PackageCycleTest {

    @Test
    void theServersFeaturePackagesAreFreeOfCycles() {
        JavaClasses server = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.messagebroker.server");
        slices().matching("org.messagebroker.server.(*)..").should().beFreeOfCycles().check(server);
    }
}
