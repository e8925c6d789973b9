package ficus.cli.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import ficus.cli.FicusCliTest;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContractsCommandTest {

    @Test
    void shouldRenderTheAsyncApiDocumentAndOneSchemaPerEventType(@TempDir Path dir) throws Exception {
        var run = FicusCliTest.ficus("contracts", "render", "--spec",
                "classpath:ficus/samples/crm/translations/customer.yaml", "--output", dir.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        Path topic = dir.resolve("crm.customer.v1");
        assertThat(topic.resolve("asyncapi.yaml")).exists();
        assertThat(Files.readString(topic.resolve("asyncapi.yaml"))).contains("asyncapi: 3.0.0").contains("crm.customer.v1");
        assertThat(topic.resolve("CustomerStatusChanged.schema.json")).exists();
        try (var files = Files.list(topic)) {
            assertThat(files.filter(p -> p.toString().endsWith(".schema.json")).count()).isEqualTo(5);
        }
        assertThat(run.out()).contains("contracts: wrote 6 files");
    }
}
