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

    /**
     * Sample-named classes still here only because modules outside the engine still load the engine's copy of the CRM's
     * customer spec ({@code extension: customer}; see the anti-corruption README). Each goes with its last caller;
     * once one is deleted, delete its line here — {@link #shouldListOnlyLeftoversThatStillExist()} says so.
     */
    private static final List<String> LEFTOVERS = List.of("ficus.acl.customer."); // CustomerRules (and its package-info)

    private static final DescribedPredicate<JavaClass> LEFTOVER = DescribedPredicate.describe(
            "a customer-only leftover " + LEFTOVERS, c -> LEFTOVERS.stream().anyMatch(l -> l.endsWith(".")
                    ? c.getPackageName().equals(l.substring(0, l.length() - 1))
                    : c.getName().equals(l) || c.getName().startsWith(l + "$")));

    @Test
    void shouldKeepTheTranslationModelFreeOfTransportAndPersistenceTypes() {
        ArchRule rule = noClasses().that().resideInAnyPackage("ficus.acl.translation..", "ficus.acl.aggregate..",
                        "ficus.acl.customer..")
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
        ArchRule rule = noClasses().that().resideInAPackage("ficus.acl..").and(DescribedPredicate.not(LEFTOVER))
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

    @Test
    void shouldListOnlyLeftoversThatStillExist() {
        for (String leftover : LEFTOVERS) {
            assertThat(ACL.stream().anyMatch(LEFTOVER::test) && ACL.stream().anyMatch(c -> leftover.endsWith(".")
                    ? c.getPackageName().equals(leftover.substring(0, leftover.length() - 1))
                    : c.getName().equals(leftover)))
                    .as(leftover + " is gone: remove it from ArchitectureTest.LEFTOVERS so the rule holds for it too")
                    .isTrue();
        }
    }
}
