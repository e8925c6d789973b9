package ficus.kit.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OutboxConnectorTest {

    private final OutboxConnector.Plan plan = new OutboxConnector.Plan("customer-status", "127.0.0.1", 5432,
            "customer_status", "postgres", "${file:/tmp/secrets.properties:legacy.password}", 3);

    @Test
    void shouldCaptureOnlyTheOutboxTableOfTheComponentsOwnDatabase() {
        var config = OutboxConnector.render(plan);
        assertThat(OutboxConnector.name(plan)).isEqualTo("customer-status-outbox");
        assertThat(config).containsEntry("connector.class", "io.debezium.connector.postgresql.PostgresConnector")
                .containsEntry("database.dbname", "customer_status")
                .containsEntry("table.include.list", "public.ficus_outbox")
                .containsEntry("slot.name", "customer_status_outbox")
                .containsEntry("database.password", "${file:/tmp/secrets.properties:legacy.password}");
    }

    @Test
    void shouldRouteEachRowToItsTopicWithTheCloudEventsHeaders() {
        var config = OutboxConnector.render(plan);
        assertThat(config).containsEntry("transforms.outbox.type", "io.debezium.transforms.outbox.EventRouter")
                .containsEntry("transforms.outbox.route.by.field", "topic")
                .containsEntry("transforms.outbox.route.topic.replacement", "${routedByValue}")
                .containsEntry("transforms.outbox.table.field.event.key", "aggregate_id")
                .containsEntry("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        assertThat(config.get("transforms.outbox.table.fields.additional.placement").split(","))
                .contains("id:header:ce_id", "type:header:ce_type", "source:header:ce_source",
                        "aggregate_id:header:ce_subject", "event_time:header:ce_time",
                        "position:header:ce_ficusposition", "specversion:header:ce_specversion",
                        "content_type:header:content-type");
    }

    @Test
    void shouldRefuseAComponentNameThatCannotNameASlot() {
        assertThatThrownBy(() -> new OutboxConnector.Plan("Customer Status", "h", 1, "d", "u", "p", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lower-case");
    }
}
