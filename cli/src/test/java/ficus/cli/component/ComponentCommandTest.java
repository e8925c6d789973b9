package ficus.cli.component;

import static org.assertj.core.api.Assertions.assertThat;

import ficus.cli.FicusCliTest;

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
    void shouldRejectANameThatIsNotLowerCaseWordsWithExitCode2(@TempDir Path dir) {
        var run = FicusCliTest.ficus("component", "new", "Credit_Check", "--dir", dir.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip().lines()).hasSize(1);
    }
}
