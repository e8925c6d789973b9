package ficus.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ficus.core.FicusException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComponentTemplateTest {

    @TempDir
    Path dir;

    @Test
    void shouldWriteAComponentWithItsChangelogCodegenAndIt() throws Exception {
        var written = ComponentTemplate.create(dir.resolve("credit-check"), "credit-check");

        Path root = dir.resolve("credit-check");
        assertThat(written).contains(root.resolve("pom.xml"),
                root.resolve("src/main/java/ficus/components/creditcheck/CreditCheckComponent.java"),
                root.resolve("src/test/java/ficus/components/creditcheck/CreditCheckComponentIT.java"),
                root.resolve("src/main/resources/ficus/components/creditcheck/db/changelog.yaml"),
                root.resolve("src/main/resources/ficus/components/creditcheck/db/credit-check.sql"));
        String pom = Files.readString(root.resolve("pom.xml"));
        assertThat(pom).contains("<artifactId>credit-check</artifactId>", "jooq-codegen-maven",
                "ficus/components/creditcheck/db/credit-check.sql", "<packageName>ficus.components.creditcheck.generated");
        String component = Files.readString(written.get(4));
        assertThat(component).contains("package ficus.components.creditcheck;", "class CreditCheckComponent",
                "NAME = \"credit-check\"").doesNotContain("__");
    }

    @Test
    void shouldRefuseANameThatIsNotLowerCaseWordsJoinedByDashes() {
        assertThatThrownBy(() -> ComponentTemplate.create(dir.resolve("x"), "Credit Check"))
                .isInstanceOf(FicusException.BadInput.class).hasMessageContaining("credit-check");
    }

    @Test
    void shouldRefuseADirectoryThatIsNotEmpty() throws Exception {
        Files.writeString(dir.resolve("keep.txt"), "mine");
        assertThatThrownBy(() -> ComponentTemplate.create(dir, "credit-check"))
                .isInstanceOf(FicusException.BadInput.class).hasMessageContaining("not an empty directory");
    }
}
