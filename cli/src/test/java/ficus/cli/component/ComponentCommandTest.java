package ficus.cli.component;

import static org.assertj.core.api.Assertions.assertThat;

import ficus.cli.FicusCliTest;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI side of the template; that a generated component builds and passes its IT is ComponentTemplateIT's job. */
class ComponentCommandTest {

    @Test
    void shouldCreateAComponentModuleWithChangelogAndIt(@TempDir Path dir) {
        var run = FicusCliTest.ficus("component", "new", "credit-check", "--dir", dir.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(dir.resolve("credit-check/pom.xml")).exists();
        assertThat(run.out()).contains("component: credit-check created in " + dir.resolve("credit-check"));
    }

    @Test
    void shouldCreateAComponentFromAContractWithItsGeneratedTypes(@TempDir Path dir) throws Exception {
        Path contract = writeContract(dir.resolve("published"));

        var run = FicusCliTest.ficus("component", "new", "credit-check", "--dir", dir.toString(), "--contract",
                contract.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        Path root = dir.resolve("credit-check");
        assertThat(root.resolve("src/main/contract/crm.customer.v1/asyncapi.yaml")).exists();
        assertThat(root.resolve("src/main/java/ficus/components/creditcheck/contract/CustomerEvent.java"))
                .content().contains("public sealed interface CustomerEvent", "record CustomerRegistered(");
        assertThat(root.resolve("src/main/java/ficus/components/creditcheck/CreditCheckComponent.java")).content()
                .contains("case CustomerEvent.CustomerRegistered e -> false;");
    }

    @Test
    void shouldRejectAContractThatIsNotThereWithExitCode2AndWriteNothing(@TempDir Path dir) {
        var run = FicusCliTest.ficus("component", "new", "credit-check", "--dir", dir.toString(), "--contract",
                dir.resolve("nowhere").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("contract " + dir.resolve("nowhere") + ": no such file or directory");
        assertThat(dir.resolve("credit-check")).doesNotExist();
    }

    /** A published contract of one event type, as `ficus contracts render` lays it out. */
    private static Path writeContract(Path dir) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("asyncapi.yaml"), """
                asyncapi: 3.0.0
                info: { title: crm.customer.v1, version: "1" }
                channels:
                  crm.customer.v1:
                    address: crm.customer.v1
                    messages:
                      CustomerRegistered: { $ref: "#/components/messages/CustomerRegistered" }
                components:
                  messages:
                    CustomerRegistered:
                      name: CustomerRegistered
                      headers:
                        type: object
                        properties:
                          ce_type: { type: string, const: crm.CustomerRegistered.v1 }
                      payload: { $ref: ./CustomerRegistered.schema.json }
                """);
        Files.writeString(dir.resolve("CustomerRegistered.schema.json"), """
                {"type": "object", "required": ["customerId", "state"],
                 "properties": {"customerId": {"type": "integer"}, "type": {"const": "CustomerRegistered"},
                   "state": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}}}}
                """);
        return dir;
    }

    @Test
    void shouldRejectANameThatIsNotLowerCaseWordsWithExitCode2(@TempDir Path dir) {
        var run = FicusCliTest.ficus("component", "new", "Credit_Check", "--dir", dir.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip().lines()).hasSize(1);
    }
}
