package ficus.components.customerstatus.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ficus.components.customerstatus.model.CustomerStatus;
import ficus.components.customerstatus.store.CustomerStatusView;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusApiTest {

    private static final Instant COMMIT = Instant.parse("2023-11-14T22:13:20.123Z");
    private final Map<Long, CustomerStatusView> rows = Map.of(
            1000001L, view(1000001L, CustomerStatus.ACTIVE, false),
            1000002L, view(1000002L, CustomerStatus.CLOSED, true));
    private final StatusApi api = new StatusApi(id -> Optional.ofNullable(rows.get(id)));
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void shouldAnswerStatusAndLegacyCommitTimeOfAKnownCustomer() throws Exception {
        StatusApi.Response r = api.handle("GET", "/customers/1000001/status");

        assertThat(r.status()).isEqualTo(200);
        JsonNode body = mapper.readTree(r.body());
        assertThat(body.path("customerId").asLong()).isEqualTo(1000001L);
        assertThat(body.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(body.path("since").asText()).isEqualTo("2023-11-14T22:13:20.123Z");
    }

    @Test
    void shouldAnswerNotFoundForAnUnknownCustomer() throws Exception {
        StatusApi.Response r = api.handle("GET", "/customers/42/status");

        assertThat(r.status()).isEqualTo(404);
        assertThat(mapper.readTree(r.body()).path("error").asText()).contains("42");
    }

    @Test
    void shouldAnswerNotFoundForARemovedCustomer() throws Exception {
        StatusApi.Response r = api.handle("GET", "/customers/1000002/status");

        assertThat(r.status()).isEqualTo(404);
        assertThat(mapper.readTree(r.body()).path("error").asText()).contains("removed");
    }

    @Test
    void shouldAnswerBadRequestForANonNumericId() throws Exception {
        StatusApi.Response r = api.handle("GET", "/customers/abc/status");

        assertThat(r.status()).isEqualTo(400);
        assertThat(mapper.readTree(r.body()).path("error").asText()).contains("abc");
    }

    @Test
    void shouldAnswerHealthUp() throws Exception {
        StatusApi.Response r = api.handle("GET", "/health");

        assertThat(r.status()).isEqualTo(200);
        assertThat(mapper.readTree(r.body()).path("status").asText()).isEqualTo("UP");
    }

    @Test
    void shouldRefuseOtherMethodsAndUnknownPaths() {
        assertThat(api.handle("POST", "/customers/1000001/status").status()).isEqualTo(405);
        assertThat(api.handle("GET", "/customers/1000001").status()).isEqualTo(404);
        assertThat(api.handle("GET", "/").status()).isEqualTo(404);
    }

    private static CustomerStatusView view(long id, CustomerStatus status, boolean removed) {
        return new CustomerStatusView(id, status, removed, "1/0000000000000001/0000000000000002", "e-" + id, COMMIT,
                COMMIT.plusMillis(40));
    }
}
