package ficus.kit.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

class SubscriptionTest {

    @Test
    void shouldReadCommittedWithoutAutoCommitInTheGroupNamedAfterTheComponentWhateverTheOverrides() {
        Subscription s = Subscription.to("crm.customer.v1").as("customer-status")
                .on("crm.CustomerRegistered.v1", d -> { })
                .consumerProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, true)
                .consumerProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted")
                .consumerProperty(ConsumerConfig.GROUP_ID_CONFIG, "someone-else")
                .consumerProperty(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50);

        var p = ComponentConsumer.consumerProperties(s, "127.0.0.1:9092");

        assertThat(p.get(ConsumerConfig.GROUP_ID_CONFIG)).isEqualTo("customer-status");
        assertThat(p.get(ConsumerConfig.ISOLATION_LEVEL_CONFIG)).isEqualTo("read_committed");
        assertThat(p.get(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG)).isEqualTo(false);
        assertThat(p.get(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG)).isEqualTo("earliest");
        assertThat(p.get(ConsumerConfig.MAX_POLL_RECORDS_CONFIG)).isEqualTo(50);
        assertThat(p.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG)).isEqualTo("127.0.0.1:9092");
    }

    @Test
    void shouldRefuseTwoHandlersForOneEventType() {
        Subscription s = Subscription.to("crm.customer.v1").as("customer-status")
                .on("crm.CustomerRegistered.v1", d -> { });

        assertThatThrownBy(() -> s.on("crm.CustomerRegistered.v1", d -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("crm.CustomerRegistered.v1");
    }

    @Test
    void shouldRefuseToStartWithoutComponentName() {
        Subscription s = Subscription.to("crm.customer.v1").on("crm.CustomerRegistered.v1", d -> { });

        assertThatThrownBy(() -> s.start("127.0.0.1:9092", null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("as(");
    }

    @Test
    void shouldPollTwoThousandRecordsUnlessTold() {
        Subscription s = Subscription.to("wms.stock.v1").as("stock").on("wms.StockCounted.v1", d -> { });

        assertThat(ComponentConsumer.consumerProperties(s, "127.0.0.1:9092").get(ConsumerConfig.MAX_POLL_RECORDS_CONFIG))
                .isEqualTo("2000");
    }

    @Test
    void shouldRouteEveryTypeOfABatchHandlerToItAndRefuseATypeTwice() {
        BatchHandler<Object> batch = (tx, deliveries) -> { };
        Subscription s = Subscription.to("wms.stock.v1").as("stock")
                .onBatch(java.util.List.of("wms.StockCounted.v1", "wms.StockMoved.v1"), Object.class, batch)
                .on("wms.BinRenamed.v1", d -> { });

        assertThat(s.routes.get("wms.StockCounted.v1").batch()).isSameAs(batch);
        assertThat(s.routes.get("wms.StockMoved.v1").batch()).isSameAs(batch);
        assertThat(s.routes.get("wms.BinRenamed.v1").batch()).isNull();
        assertThatThrownBy(() -> s.onBatch(java.util.List.of("wms.StockAudited.v1", "wms.StockMoved.v1"),
                Object.class, batch)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("wms.StockMoved.v1");
        assertThat(s.routes).as("nothing of the refused call registered").doesNotContainKey("wms.StockAudited.v1");
        assertThatThrownBy(() -> s.onBatch(java.util.List.of(), Object.class, batch))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
