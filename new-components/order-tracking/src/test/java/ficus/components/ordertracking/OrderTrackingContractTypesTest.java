package ficus.components.ordertracking;

import static org.assertj.core.api.Assertions.assertThat;

import ficus.contracttypes.ContractTypes;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The records in {@code src/main/java/ficus/components/ordertracking/contract} are what the contract in
 * {@code src/main/contract/sales.order.v1} generates today. When the contract moves (a new copy of the published one), this
 * fails until the types are regenerated: {@code mvn -q exec:java@contract-types}, then compile and commit.
 */
class OrderTrackingContractTypesTest {

    static final Path CONTRACT = Path.of("src/main/contract/sales.order.v1");
    static final Path SOURCES = Path.of("src/main/java");

    @Test
    void shouldHaveTheTypesItsContractGenerates() {
        List<String> drift = ContractTypes.generate(CONTRACT, "ficus.components.ordertracking.contract").differences(SOURCES);

        assertThat(drift).as("the types in %s no longer match the contract %s: regenerate the types from the contract "
                + "(mvn -q exec:java@contract-types), then fix what no longer compiles and commit both", SOURCES
                .resolve("ficus/components/ordertracking/contract"), CONTRACT).isEmpty();
    }
}
