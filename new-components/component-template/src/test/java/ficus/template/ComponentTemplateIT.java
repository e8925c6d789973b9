package ficus.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A component created by the template builds offline against the installed Ficus modules, and its own IT (over the
 * sandbox, in its own Maven run) passes.
 */
class ComponentTemplateIT {

    @Test
    void shouldCreateAComponentThatBuildsAndPassesItsOwnIt() throws Exception {
        Path dir = Path.of("target", "generated-component", "credit-check").toAbsolutePath();
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        ComponentTemplate.create(dir, "credit-check");

        Path log = dir.resolveSibling("credit-check-build.log");
        Process mvn = new ProcessBuilder("mvn", "-B", "-o", "-q", "verify")
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = mvn.waitFor(10, TimeUnit.MINUTES);
        if (!finished) {
            mvn.destroyForcibly();
        }
        String output = Files.readString(log);
        assertThat(finished).as("mvn verify finished").isTrue();
        assertThat(mvn.exitValue()).as("mvn verify of the generated component:\n%s", output).isZero();
        assertThat(dir.resolve("target/failsafe-reports")).isDirectoryContaining("glob:**CreditCheckComponentIT.txt");
        assertThat(Files.readString(dir.resolve("target/failsafe-reports/ficus.components.creditcheck.CreditCheckComponentIT.txt")))
                .contains("Tests run: 1, Failures: 0, Errors: 0");
    }
}
