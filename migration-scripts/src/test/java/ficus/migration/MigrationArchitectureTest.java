package ficus.migration;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Backfill, reconcile and re-drive work for any spec: none of them knows a sample's aggregate. */
class MigrationArchitectureTest {

    private final JavaClasses main = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("ficus.migration");

    @Test
    void shouldNotUseTheClassesOfASample() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("ficus.samples..", "ficus.sandbox.crm..")
                .because("backfill and reconcile are driven by the spec (AggregateTranslation, LegacyTable, the "
                        + "read-model file); a sample's aggregate classes must not be needed to migrate it")
                .check(main);
    }

    @Test
    void shouldKeepJdbcOutOfTheReadModelAndValueComparison() {
        noClasses().that().haveSimpleName("ReadModel").or().haveSimpleName("Canonical").or().haveSimpleName("KeyOrder")
                .should().dependOnClassesThat().resideInAPackage("java.sql..")
                .because("the read model and the comparison are pure; JDBC stays in Cursors and JdbcValues")
                .check(main);
    }
}
