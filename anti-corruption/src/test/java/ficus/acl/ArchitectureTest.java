package ficus.acl;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private static final JavaClasses ACL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("ficus.acl");

    @Test
    void shouldKeepTheTranslationModelFreeOfTransportAndPersistenceTypes() {
        ArchRule rule = noClasses().that().resideInAnyPackage("ficus.acl.translation..", "ficus.acl.aggregate..")
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

    @Test
    void shouldNameNoSampleInTheEngine() {
        ArchRule rule = noClasses().that().resideInAPackage("ficus.acl..")
                .should().haveSimpleNameStartingWith("Customer")
                .orShould().haveSimpleNameStartingWith("Order")
                .orShould().haveSimpleNameStartingWith("Lead")
                .orShould().resideInAnyPackage("..customer..", "..crm..", "..orders..")
                .because("the engine runs translation specs, whatever aggregate they declare: a sample's aggregate, "
                        + "rules and fixtures are the sample's, in samples/<name>/ (its spec, golden cases and "
                        + "TranslationExtension jar), used the way a team's own migration uses Ficus. To fix: declare "
                        + "it in the sample's spec, or move the class into the sample's module");
        rule.check(ACL);
    }
}
