package ficus.cli.migration;

import static ficus.cli.FicusCliTest.ficus;
import static org.assertj.core.api.Assertions.assertThat;

import ficus.cli.FicusCliTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ficus backfill SPEC} and {@code ficus reconcile SPEC --read-model FILE}: bad input is one line, exit 2. */
class MigrationCommandsTest {

    @TempDir
    Path dir;

    @Test
    void shouldNameTheFileLineAndFieldOfAReadModelFieldTheSpecDoesNotHave() throws Exception {
        Path model = Files.writeString(dir.resolve("customer-status.yaml"), """
                readModel: customer-status
                table: customer_status
                key: customer_id
                fields:
                  statsu: status
                """);

        Run run = ficus("reconcile", ficus.samples.crm.CrmSample.CUSTOMER_SPEC, "--read-model", model.toString(),
                "--plan", dir.resolve("plan.yaml").toString(), "--component-url", "jdbc:postgresql://nowhere/x");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains(model + ":5: fields.statsu: the customer translation has no field 'statsu'"
                + " (did you mean 'status'?)");
    }

    @Test
    void shouldRefuseABackfillOfASpecThatDoesNotLoadWithOneLine() throws Exception {
        Path spec = Files.writeString(dir.resolve("order.yaml"), "translation: order\nroot: 42\n");

        Run run = ficus("backfill", spec.toString(), "--plan", dir.resolve("plan.yaml").toString(), "--batch-url",
                "jdbc:postgresql://nowhere/x");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains(spec.toString());
    }

    @Test
    void shouldRefuseTwoDifferentSpecs() {
        Run run = ficus("reconcile", dir.resolve("order.yaml").toString(), "--spec", dir.resolve("customer.yaml")
                .toString(), "--read-model", "m.yaml", "--plan", "p.yaml", "--component-url", "jdbc:postgresql://x/y");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("differs from SPEC");
    }

    @Test
    void shouldTakeAnySpecInHelp() {
        Run run = ficus("reconcile", "--help");

        assertThat(run.out()).contains("SPEC").contains("--read-model").doesNotContain("--component=");
    }
}
