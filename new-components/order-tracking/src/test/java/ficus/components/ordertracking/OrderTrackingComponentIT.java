package ficus.components.ordertracking;

import static ficus.components.ordertracking.generated.Tables.APPLIED_EVENT;
import static ficus.components.ordertracking.generated.Tables.TRACKED_ORDER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import ficus.contracttypes.ContractExamples;
import ficus.contracttypes.PublishedContract;
import ficus.sandbox.Sandbox;
import ficus.sandbox.SandboxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SandboxExtension.class)
class OrderTrackingComponentIT {

    @Test
    void shouldApplyEveryEventTypeOfItsContractOnceAndSkipARedelivery(Sandbox s) throws Exception {
        s.postgres().createDatabase("order_tracking");
        String topic = "sales.order.v1.order_tracking";
        // the smallest value of each event type the contract accepts, for one order, in increasing positions
        Map<String, ObjectNode> examples = ContractExamples.minimal(
                PublishedContract.read(Path.of("src/main/contract/sales.order.v1")));
        List<ProducerRecord<String, String>> events = new ArrayList<>();
        for (var example : examples.entrySet()) {
            events.add(event(topic, example.getKey(), "1/%016X/%016X".formatted(events.size() + 1, events.size() + 1),
                    example.getValue().toString()));
        }
        try (var component = OrderTrackingComponent.start(s.bootstrapServers(), topic, s.postgres().jdbcUrl("order_tracking"),
                s.postgres().user(), s.postgres().password());
             var producer = producer(s)) {
            events.forEach(producer::send);
            producer.send(events.get(0)); // a redelivery: same id, same position
            producer.flush();

            var dsl = DSL.using(s.postgres().dataSource("order_tracking"), SQLDialect.POSTGRES);
            await().atMost(Duration.ofSeconds(60)).until(() -> component.skippedCount() == 1);
            assertThat(component.appliedCount()).isEqualTo(examples.size());
            assertThat(component.deadLetterCount()).isZero();
            assertThat(dsl.fetchCount(APPLIED_EVENT)).isEqualTo(examples.size());
            String last = List.copyOf(examples.keySet()).get(examples.size() - 1);
            var order = dsl.selectFrom(TRACKED_ORDER).where(TRACKED_ORDER.TENANT.eq(1L), TRACKED_ORDER.ORDER_NO.eq(1L))
                    .fetchOne();
            assertThat(order).isNotNull();
            assertThat(order.getLastEventType()).isEqualTo(last);
            assertThat(order.getRemoved()).as("the last example is the removal").isTrue();
            assertThat(order.getTotal()).isEqualByComparingTo("1.00");
        }
    }

    private static ProducerRecord<String, String> event(String topic, String type, String position, String value) {
        var r = new ProducerRecord<>(topic, "example-1", value);
        header(r, "ce_specversion", "1.0");
        header(r, "ce_id", UUID.nameUUIDFromBytes((type + position).getBytes(StandardCharsets.UTF_8)).toString());
        header(r, "ce_source", "ficus://example/order");
        header(r, "ce_type", type);
        header(r, "ce_subject", "example-1");
        header(r, "ce_time", "2026-01-01T00:00:00Z");
        header(r, "ce_ficusposition", position);
        header(r, "content-type", "application/json");
        return r;
    }

    private static void header(ProducerRecord<String, String> r, String name, String value) {
        r.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static KafkaProducer<String, String> producer(Sandbox s) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers());
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }
}
