package ficus.acl;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private static final JavaClasses ACL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("ficus.acl");

    @Test
    void shouldKeepTheTranslationModelFreeOfTransportAndPersistenceTypes() {
        ArchRule rule = noClasses().that().resideInAnyPackage("ficus.acl.translation..", "ficus.acl.customer..")
                .or().resideInAPackage("ficus.acl.spec")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "java.sql..", "javax.sql..",
                        "com.fasterxml.jackson..", "org.springframework..", "ficus.acl.runtime..")
                .because("translations are shared by the Kafka Streams runtime, the backfill and the reconciliation, "
                        + "so history and live changes are translated one way. To fix: parse the transport "
                        + "(Debezium JSON, JDBC ResultSet) in an adapter such as ficus.acl.runtime."
                        + "DebeziumChangeParser and hand the translation a ficus.acl.translation.Row / Change");
        rule.check(ACL);
    }

    @Test
    void shouldKeepTheSpecModelFreeOfItsYamlReader() {
        ArchRule rule = noClasses().that().resideInAPackage("ficus.acl.spec")
                .should().dependOnClassesThat().resideInAnyPackage("ficus.acl.spec.yaml..", "ficus.acl.dlq..")
                .because("the spec model is what backfill and reconciliation share; reading YAML (Jackson) is one way "
                        + "to build it, in ficus.acl.spec.yaml. To fix: move parsing code there");
        rule.check(ACL);
    }
}
