package ficus.kit.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import ficus.sandbox.Sandbox;
import ficus.sandbox.SandboxExtension;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import liquibase.Liquibase;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A {@link BatchHandler} over the real broker and PostgreSQL, on a table of the test's own (a warehouse's stock
 * levels, not a sample's): the events of a poll reach it together and in order, each applied once; when one of them is
 * unusable, the poll's transaction rolls back and the kit hands the events over one at a time, so only that one is
 * dead-lettered and the rest still applied.
 */
@ExtendWith(SandboxExtension.class)
class BatchHandlerIT {

    private static final String TYPE_SET = "wms.StockCounted.v1";
    private static final String TYPE_MOVED = "wms.StockMoved.v1";

    @Test
    void shouldHandTheEventsOfAPollToTheHandlerTogetherInOrderEachOnce(Sandbox s) throws Exception {
        Fixture f = new Fixture(s, "batchit_order");
        List<ProducerRecord<String, String>> events = new ArrayList<>();
        for (int seq = 1; seq <= 200; seq++) {
            events.add(f.event(seq % 2 == 0 ? TYPE_SET : TYPE_MOVED, "bin-" + (seq % 7), seq, seq * 10));
        }
        f.send(events);
        List<Integer> calls = new CopyOnWriteArrayList<>();
        try (ComponentConsumer consumer = f.subscription(calls).start(s.bootstrapServers(), f.dsl)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> consumer.appliedCount() == 200);
            assertThat(consumer.deadLetterCount()).isZero();
        }
        assertThat(calls.stream().mapToInt(Integer::intValue).sum()).as("deliveries handed over").isEqualTo(200);
        assertThat(calls).as("sizes of the handler's calls").anyMatch(n -> n > 1);
        // the last event of each of the seven bins wins
        Map<String, Integer> expected = new HashMap<>();
        for (int seq = 1; seq <= 200; seq++) {
            expected.put("bin-" + (seq % 7), seq * 10);
        }
        assertThat(f.levels()).isEqualTo(expected);
    }

    @Test
    void shouldDeadLetterOnlyTheUnusableEventAndApplyTheRestOfItsPoll(Sandbox s) throws Exception {
        Fixture f = new Fixture(s, "batchit_unusable");
        List<ProducerRecord<String, String>> events = new ArrayList<>();
        for (int seq = 1; seq <= 50; seq++) {
            // a negative count is refused by the handler
            events.add(f.event(TYPE_SET, "bin-" + seq, seq, seq == 25 ? -1 : seq));
        }
        f.send(events);
        List<Integer> calls = new CopyOnWriteArrayList<>();
        try (ComponentConsumer consumer = f.subscription(calls).start(s.bootstrapServers(), f.dsl)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> consumer.appliedCount() == 49
                    && consumer.deadLetterCount() == 1);
        }
        Map<String, Integer> levels = f.levels();
        assertThat(levels).hasSize(49).doesNotContainKey("bin-25").containsEntry("bin-24", 24)
                .containsEntry("bin-26", 26);
        assertThat(calls).as("one at a time after the poll's transaction failed").contains(1);
    }

    private static final class Fixture {
        final String name;
        final String topic;
        final DataSource db;
        final DSLContext dsl;
        final Sandbox sandbox;

        Fixture(Sandbox sandbox, String name) throws Exception {
            this.sandbox = sandbox;
            this.name = name;
            this.topic = "wms.stock.v1." + name;
            sandbox.postgres().createDatabase(name);
            this.db = sandbox.postgres().dataSource(name);
            try (Connection c = db.getConnection()) {
                new Liquibase("ficus/kit/db/changelog-kit.yaml", new ClassLoaderResourceAccessor(),
                        DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c)))
                        .update("");
            }
            try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
                st.execute("create table stock_level (bin text primary key, quantity int not null, last_seq int not null)");
            }
            this.dsl = DSL.using(db, SQLDialect.POSTGRES);
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    sandbox.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
            }
        }

        /** Upserts each bin's level with one statement per call, recording each call's size. */
        Subscription subscription(List<Integer> calls) {
            BatchHandler<JsonNode> handler = (tx, deliveries) -> {
                calls.add(deliveries.size());
                Map<String, int[]> last = new java.util.LinkedHashMap<>();
                for (Delivery<JsonNode> d : deliveries) {
                    int quantity = d.data().path("quantity").asInt();
                    if (quantity < 0) {
                        throw new UnusableEvent("a negative quantity");
                    }
                    last.put(d.event().subject(), new int[] {quantity, d.data().path("seq").asInt()});
                }
                var bin = DSL.field("bin", String.class);
                var quantityField = DSL.field("quantity", Integer.class);
                var seqField = DSL.field("last_seq", Integer.class);
                var insert = tx.insertInto(DSL.table("stock_level"), bin, quantityField, seqField);
                for (var e : last.entrySet()) {
                    insert = insert.values(e.getKey(), e.getValue()[0], e.getValue()[1]);
                }
                insert.onConflict(bin).doUpdate()
                        .set(quantityField, DSL.field("excluded.quantity", Integer.class))
                        .set(seqField, DSL.field("excluded.last_seq", Integer.class)).execute();
            };
            return Subscription.to(topic).as("batchit-" + name).onBatch(List.of(TYPE_SET, TYPE_MOVED),
                    JsonNode.class, handler).retryPolicy(RetryPolicy.defaults());
        }

        ProducerRecord<String, String> event(String type, String bin, int seq, int quantity) {
            String position = String.format("1/%016X/%016X", seq * 16L, seq * 16L + 8);
            var r = new ProducerRecord<>(topic, bin, "{\"bin\":\"" + bin + "\",\"seq\":" + seq + ",\"quantity\":"
                    + quantity + "}");
            header(r, "ce_specversion", "1.0");
            header(r, "ce_id", name + "-" + seq);
            header(r, "ce_source", "ficus://wms/stock");
            header(r, "ce_type", type);
            header(r, "ce_subject", bin);
            header(r, "ce_time", Instant.parse("2026-01-01T00:00:00Z").plusSeconds(seq).toString());
            header(r, "ce_ficusposition", position);
            header(r, "content-type", "application/json");
            return r;
        }

        void send(List<ProducerRecord<String, String>> records) throws Exception {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, sandbox.bootstrapServers());
            // lingering: the records land in few batches, so the consumer polls many of them at once
            p.put(ProducerConfig.LINGER_MS_CONFIG, "50");
            try (var producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
                for (ProducerRecord<String, String> r : records) {
                    producer.send(r);
                }
                producer.flush();
            }
        }

        Map<String, Integer> levels() throws Exception {
            Map<String, Integer> levels = new HashMap<>();
            try (Connection c = db.getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("select bin, quantity from stock_level")) {
                while (rs.next()) {
                    levels.put(rs.getString(1), rs.getInt(2));
                }
            }
            return levels;
        }

        private static void header(ProducerRecord<String, String> r, String name, String value) {
            r.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
