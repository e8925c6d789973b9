package __PACKAGE__;

import static __PACKAGE__.generated.Tables.SEEN_CUSTOMER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ficus.sandbox.Sandbox;
import ficus.sandbox.SandboxExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SandboxExtension.class)
class __CLASS__ComponentIT {

    @Test
    void shouldKeepTheStatusOfTheNewestEventPerCustomer(Sandbox s) throws Exception {
        s.postgres().createDatabase("__DB__");
        String topic = "crm.customer.v1.__DB__";
        try (var component = __CLASS__Component.start(s.bootstrapServers(), topic, s.postgres().jdbcUrl("__DB__"),
                s.postgres().user(), s.postgres().password());
             var producer = producer(s)) {
            producer.send(event(topic, "crm.CustomerRegistered.v1", 7, "1/0000000000000100/0000000000000108", "PROSPECT"));
            producer.send(event(topic, "crm.CustomerStatusChanged.v1", 7, "1/0000000000000200/0000000000000208", "ACTIVE"));
            producer.send(event(topic, "crm.CustomerStatusChanged.v1", 7, "1/0000000000000100/0000000000000108", "PROSPECT"));
            producer.flush();

            var dsl = DSL.using(s.postgres().dataSource("__DB__"), SQLDialect.POSTGRES);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(dsl.select(SEEN_CUSTOMER.STATUS).from(SEEN_CUSTOMER)
                            .where(SEEN_CUSTOMER.CUSTOMER_ID.eq(7L)).fetchOne(SEEN_CUSTOMER.STATUS))
                            .isEqualTo("ACTIVE"));
            assertThat(component.appliedCount()).isEqualTo(2);
        }
    }

    private static ProducerRecord<String, String> event(String topic, String type, long id, String position,
                                                       String status) {
        var r = new ProducerRecord<>(topic, String.valueOf(id), "{\"customerId\":" + id + ",\"state\":{\"status\":\""
                + status + "\"}}");
        header(r, "ce_specversion", "1.0");
        header(r, "ce_id", type + "-" + position);
        header(r, "ce_source", "ficus://legacy/customer");
        header(r, "ce_type", type);
        header(r, "ce_subject", String.valueOf(id));
        header(r, "ce_time", "2026-01-01T00:00:00Z");
        header(r, "ce_ficusposition", position);
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
