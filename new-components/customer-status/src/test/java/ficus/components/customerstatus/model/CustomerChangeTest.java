package ficus.components.customerstatus.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import ficus.kit.consume.Subscription;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CustomerChangeTest {

    private final ObjectMapper mapper = Subscription.defaultObjectMapper();

    @Test
    void shouldMapTheContractExampleOfAStatusChange() throws Exception {
        String json = """
                {"customerId":1000001,"type":"CustomerStatusChanged",
                 "state":{"customerId":1000001,"name":"Ada Lovelace","email":"ada@example.org","status":"ACTIVE",
                          "registeredAt":"2023-11-14T22:13:20Z"},
                 "changed":["status"], "previousStatus":"PROSPECT", "addedInALaterMinorVersion":true}""";

        CustomerChange change = mapper.readValue(json, CustomerChange.class);

        assertThat(change.customerId()).isEqualTo(1000001L);
        assertThat(change.state().status()).isEqualTo(CustomerStatus.ACTIVE);
        assertThat(change.state().registeredAt()).isEqualTo(Instant.parse("2023-11-14T22:13:20Z"));
        assertThat(change.previousStatus()).isEqualTo(CustomerStatus.PROSPECT);
        assertThat(change.changed()).containsExactly("status");
    }

    @Test
    void shouldMapARemovalWithoutState() throws Exception {
        CustomerChange change = mapper.readValue(
                "{\"customerId\":1000001,\"type\":\"CustomerRemoved\",\"state\":null,\"changed\":[]}",
                CustomerChange.class);

        assertThat(change.state()).isNull();
        assertThat(change.previousStatus()).isNull();
    }

    @Test
    void shouldRefuseAStatusTheContractDoesNotName() {
        String json = """
                {"customerId":1,"type":"CustomerStatusChanged",
                 "state":{"customerId":1,"name":"n","email":"e","status":"A","registeredAt":"2023-11-14T22:13:20Z"}}""";

        assertThatThrownBy(() -> mapper.readValue(json, CustomerChange.class)).hasMessageContaining("\"A\"");
    }

    @Test
    void shouldKnowEveryEventTypeOfTheContractByItsCloudEventsType() {
        assertThat(CustomerEventType.values()).extracting(CustomerEventType::ceType).containsExactly(
                "crm.CustomerRegistered.v1", "crm.CustomerStatusChanged.v1", "crm.CustomerClosed.v1",
                "crm.CustomerDetailsChanged.v1", "crm.CustomerRemoved.v1");
        assertThat(CustomerEventType.forCeType("crm.CustomerClosed.v1")).contains(CustomerEventType.CLOSED);
        assertThat(CustomerEventType.forCeType("crm.CustomerClosed.v2")).isEmpty();
    }
}
