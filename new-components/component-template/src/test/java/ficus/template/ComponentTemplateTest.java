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

    /** The orders sample's contract, as the component order-tracking was created from. */
    static final Path ORDERS_CONTRACT = Path.of("../order-tracking/src/main/contract/sales.order.v1");

    @Test
    void shouldWriteAComponentFromAContractWithItsTypesItsDriftTestAndAnIt() throws Exception {
        var written = ComponentTemplate.create(dir.resolve("order-tracking"), "order-tracking", ORDERS_CONTRACT);

        Path root = dir.resolve("order-tracking");
        Path pkg = root.resolve("src/main/java/ficus/components/ordertracking");
        assertThat(written).contains(root.resolve("src/main/contract/sales.order.v1/asyncapi.yaml"),
                root.resolve("src/main/contract/sales.order.v1/OrderPlaced.schema.json"),
                pkg.resolve("contract/OrderEvent.java"), pkg.resolve("contract/OrderEventReader.java"),
                pkg.resolve("OrderTrackingComponent.java"),
                root.resolve("src/test/java/ficus/components/ordertracking/OrderTrackingContractTypesTest.java"),
                root.resolve("src/test/java/ficus/components/ordertracking/OrderTrackingComponentIT.java"));
        assertThat(Files.readString(pkg.resolve("OrderTrackingComponent.java"))).contains(
                "import ficus.components.ordertracking.contract.OrderEvent;",
                "for (String type : OrderEventReader.TYPES)",
                "case OrderEvent.OrderPlaced e -> false;", "case OrderEvent.OrderRemoved e -> true;",
                "SEEN_ORDER.LAST_EVENT_TYPE").doesNotContain("__", "equals(");
        assertThat(Files.readString(root.resolve("pom.xml"))).contains("<artifactId>ficus-contract-types</artifactId>",
                "<id>contract-types</id>", "src/main/contract/sales.order.v1").doesNotContain("__");
        assertThat(Files.readString(root.resolve(
                "src/main/resources/ficus/components/ordertracking/db/order-tracking.sql")))
                .contains("CREATE TABLE seen_order (", "CREATE TABLE applied_event (");
        // what the component's own drift test checks: as written, the types are what the contract generates
        assertThat(ficus.contracttypes.ContractTypes.generate(root.resolve("src/main/contract/sales.order.v1"),
                "ficus.components.ordertracking.contract").differences(root.resolve("src/main/java"))).isEmpty();
    }

    @Test
    void shouldWriteNothingWhenTheContractCannotBeRead() {
        assertThatThrownBy(() -> ComponentTemplate.create(dir.resolve("x"), "credit-check", dir.resolve("none")))
                .isInstanceOf(FicusException.BadInput.class).hasMessageContaining("no such file or directory");
        assertThat(dir.resolve("x")).doesNotExist();
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
