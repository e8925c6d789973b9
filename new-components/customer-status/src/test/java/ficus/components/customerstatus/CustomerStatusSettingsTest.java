package ficus.components.customerstatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ficus.core.FicusException;
import ficus.kit.consume.ApplyListener;
import org.junit.jupiter.api.Test;

class CustomerStatusSettingsTest {

    @Test
    void shouldDefaultTopicPortListenerAndConsumerGroup() {
        CustomerStatusSettings s = CustomerStatusSettings.of("127.0.0.1:9092",
                "jdbc:postgresql://127.0.0.1:5432/customer_status", "postgres", null);

        assertThat(s.topic()).isEqualTo("crm.customer.v1");
        assertThat(s.httpPort()).isZero();
        assertThat(s.listener()).isSameAs(ApplyListener.NONE);
        assertThat(s.consumerGroup()).isEqualTo("customer-status");
        assertThat(s.password()).isEmpty();
    }

    @Test
    void shouldRejectANonPostgresJdbcUrlNamingTheSetting() {
        assertThatThrownBy(() -> CustomerStatusSettings.of("127.0.0.1:9092", "jdbc:mysql://x/y", "u", "p"))
                .isInstanceOf(FicusException.BadInput.class).hasMessageContaining("jdbcUrl");
    }

    @Test
    void shouldRejectMissingBootstrapServersAndBadPort() {
        assertThatThrownBy(() -> CustomerStatusSettings.of(" ", "jdbc:postgresql://x/y", "u", "p"))
                .isInstanceOf(FicusException.BadInput.class).hasMessageContaining("bootstrapServers");
        assertThatThrownBy(() -> CustomerStatusSettings.of("h:1", "jdbc:postgresql://x/y", "u", "p")
                .withHttpPort(70000)).isInstanceOf(FicusException.BadInput.class).hasMessageContaining("httpPort");
    }

    @Test
    void shouldNotShowThePasswordInToString() {
        assertThat(CustomerStatusSettings.of("h:1", "jdbc:postgresql://x/y", "u", "s3cret").toString())
                .doesNotContain("s3cret").contains("password=***");
    }
}
