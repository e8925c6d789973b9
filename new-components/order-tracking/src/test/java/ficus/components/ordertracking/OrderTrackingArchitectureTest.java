package ficus.components.ordertracking;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The component depends on its topic's published contract only: never on the legacy side's classes. */
class OrderTrackingArchitectureTest {

    @Test
    void shouldDependOnThePublishedContractOnlyNeverOnTheLayerOrTheLegacySide() {
        var classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("ficus.components.ordertracking");

        noClasses().should().dependOnClassesThat().resideInAnyPackage("ficus.acl..", "ficus.contracts..",
                        "ficus.connectors..", "ficus.samples..", "ficus.sandbox..", "ficus.contracttypes..")
                .because("a component is built against the contract copied into src/main/contract and the records "
                        + "generated from it (package ficus.components.ordertracking.contract); the layer, the "
                        + "capture and the samples are test-scope dependencies of OrderTrackingPipelineIT only")
                .check(classes);
    }
}
