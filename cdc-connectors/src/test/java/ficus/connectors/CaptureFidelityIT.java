package ficus.connectors;

import static ficus.connectors.ItSupport.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import ficus.connectors.connect.ConnectClient;
import ficus.connectors.deploy.ConnectorDeployer;
import ficus.connectors.deploy.DeployOptions;
import ficus.connectors.plan.CapturePlan;
import ficus.connectors.preflight.CheckResult;
import ficus.connectors.preflight.Preflight;
import ficus.connectors.preflight.PreflightReport;
import ficus.connectors.preflight.Status;
import ficus.connectors.slot.ReplicationSlots;
import ficus.connectors.slot.SlotInfo;
import ficus.sandbox.Sandbox;
import ficus.sandbox.SandboxExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Capture that loses and leaks nothing, on the real stack, over a schema of mixed-case quoted names: a partitioned
 * table (rows into two partitions and into one attached while the connector runs), a TOASTed column with and without
 * before-images, and a sensitive column that PostgreSQL 17 keeps out of the publication with a column list — checked on
 * the replication stream itself (a second pgoutput slot on the same publication) and in every Kafka record.
 */
@ExtendWith(SandboxExtension.class)
class CaptureFidelityIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String SECRET = "TAX-SECRET-4711";

    @Test
    void shouldDeliverEveryChangeOfPartitionsToastedAndMixedCaseTablesAndKeepTheSensitiveValueInTheDatabase(Sandbox s)
            throws Exception {
        s.postgres().createDatabase("cap_fid");
        DataSource ds = s.postgres().dataSource("cap_fid");
        sql(ds, "create schema \"Erp\"",
                "create table \"Erp\".\"OrderLine\" (\"OrderNo\" int, \"LineNo\" int, \"Sku\" text not null,"
                        + " primary key (\"OrderNo\", \"LineNo\"))",
                "create table \"Erp\".\"Shipment\" (\"Id\" int, \"ShippedOn\" date, carrier text,"
                        + " primary key (\"Id\", \"ShippedOn\")) partition by range (\"ShippedOn\")",
                "create table \"Erp\".shipment_2024 partition of \"Erp\".\"Shipment\""
                        + " for values from ('2024-01-01') to ('2025-01-01')",
                "create table \"Erp\".shipment_2025 partition of \"Erp\".\"Shipment\""
                        + " for values from ('2025-01-01') to ('2026-01-01')",
                "create table \"Erp\".\"Customer\" (\"Id\" int primary key, name text, \"TaxId\" text, notes text)",
                "create table \"Erp\".\"order\" (id int primary key, status text, body text)",
                "alter table \"Erp\".\"order\" replica identity full",
                "insert into \"Erp\".\"Shipment\" values (1, '2024-05-01', 'dhl')");
        CapturePlan plan = ItSupport.plan(s, "cap_fid", "cap_fid",
                "'\"Erp\".\"OrderLine\"', '\"Erp\".\"Shipment\"', '\"Erp\".\"Customer\"', '\"Erp\".\"order\"'", """
                sensitiveColumns: ['"Erp"."Customer"."TaxId"']
                beforeImages: ['"Erp"."order"']
                """);

        PreflightReport before = Preflight.run(plan, ds);
        assertThat(before.failures()).extracting(CheckResult::summary).isEmpty();
        assertThat(before.check("partitions").orElseThrow().detail())
                .contains("\"Erp\".\"Shipment\" captured via the partition root");
        assertThat(before.check("toast \"Erp\".\"Customer\"").orElseThrow().status()).isEqualTo(Status.WARN);
        assertThat(before.check("toast \"Erp\".\"Customer\"").orElseThrow().detail()).contains("notes text")
                .doesNotContain("TaxId");
        assertThat(before.check("toast \"Erp\".\"order\"").orElseThrow().status()).isEqualTo(Status.PASS);
        assertThat(before.check("sensitive columns").orElseThrow().status()).isEqualTo(Status.PASS);

        ConnectClient connect = ConnectClient.of(s.connectUrl());
        new ConnectorDeployer(connect).withLegacyDataSource(ds).deploy(plan, DeployOptions.defaults());
        await("slot of cap_fid active").atMost(WAIT)
                .until(() -> ReplicationSlots.find(ds, plan.slotName()).map(SlotInfo::active).orElse(false));
        assertThat(ItSupport.longQuery(ds, "select count(*) from pg_publication_tables where pubname = 'cap_fid'"
                + " and tablename = 'Customer' and attnames = array['Id', 'name', 'notes']::name[]"))
                .as("the column list leaves TaxId out").isEqualTo(1);
        // a second consumer of the same publication: what crosses the replication connection, byte for byte
        sql(ds, "select pg_create_logical_replication_slot('cap_fid_peek', 'pgoutput')");

        // 6400 characters of distinct md5 digests: pglz finds nothing to compress, so the value is stored out of line
        String large = "(select string_agg(md5(i::text), '') from generate_series(1, 200) i)";
        sql(ds, "insert into \"Erp\".\"Customer\" values (7, 'Ada', '" + SECRET + "', " + large + ")",
                "update \"Erp\".\"Customer\" set name = 'Ada L.' where \"Id\" = 7",
                "insert into \"Erp\".\"order\" values (9, 'open', " + large + ")",
                "update \"Erp\".\"order\" set status = 'shipped' where id = 9",
                "insert into \"Erp\".\"OrderLine\" values (9, 1, 'SKU-1')",
                "insert into \"Erp\".\"Shipment\" values (2, '2024-06-01', 'ups'), (3, '2025-02-01', 'dhl')",
                "create table \"Erp\".shipment_2026 (\"Id\" int, \"ShippedOn\" date, carrier text,"
                        + " primary key (\"Id\", \"ShippedOn\"))",
                "alter table \"Erp\".\"Shipment\" attach partition \"Erp\".shipment_2026"
                        + " for values from ('2026-01-01') to ('2027-01-01')",
                "insert into \"Erp\".\"Shipment\" values (4, '2026-03-01', 'fedex')");

        List<JsonNode> shipments = ItSupport.consume(s, "cap_fid.Erp.Shipment", v -> true, 4, WAIT);
        assertThat(shipments).extracting(v -> v.path("after").path("Id").asInt()).containsExactlyInAnyOrder(1, 2, 3, 4);
        assertThat(shipments).extracting(v -> v.path("op").asText()).containsExactly("r", "c", "c", "c");

        List<JsonNode> customer = ItSupport.consume(s, "cap_fid.Erp.Customer", v -> true, 2, WAIT);
        assertThat(customer.get(0).path("after").has("TaxId")).isFalse();
        assertThat(customer.get(0).path("after").path("notes").asText()).hasSize(6400);
        assertThat(customer.get(1).path("after").path("name").asText()).isEqualTo("Ada L.");
        assertThat(customer.get(1).path("after").path("notes").asText())
                .as("untouched TOASTed value without REPLICA IDENTITY FULL, as preflight warned")
                .isEqualTo("__debezium_unavailable_value");

        List<JsonNode> orders = ItSupport.consume(s, "cap_fid.Erp.order", v -> true, 2, WAIT);
        assertThat(orders.get(1).path("after").path("status").asText()).isEqualTo("shipped");
        assertThat(orders.get(1).path("after").path("body").asText()).as("before-images: the value is carried")
                .hasSize(6400);

        List<JsonNode> lines = ItSupport.consume(s, "cap_fid.Erp.OrderLine", v -> true, 1, WAIT);
        assertThat(lines.getFirst().path("after").path("Sku").asText()).isEqualTo("SKU-1");

        byte[] stream = ItSupport.replicationStream(ds, "cap_fid_peek", plan.publicationName());
        assertThat(ItSupport.contains(stream, "Ada L.")).as("the peek slot saw the customer's changes").isTrue();
        assertThat(ItSupport.contains(stream, "fedex")).as("a row of the attached partition crossed as the root").isTrue();
        assertThat(ItSupport.contains(stream, SECRET)).as("the sensitive value on the replication connection").isFalse();

        List<String> topics = List.of("cap_fid.Erp.Customer", "cap_fid.Erp.Shipment", "cap_fid.Erp.OrderLine",
                "cap_fid.Erp.order");
        for (String topic : topics) {
            for (ConsumerRecord<String, byte[]> record : s.readCommitted(topic)) {
                assertThat(new String(record.value(), StandardCharsets.UTF_8) + record.key())
                        .as("record %s-%d@%d", record.topic(), record.partition(), record.offset())
                        .doesNotContain(SECRET);
            }
        }

        PreflightReport running = Preflight.run(plan, ds, true);
        assertThat(running.passed()).isTrue();
        assertThat(running.check("slot").orElseThrow().detail()).contains("in use by the plan's connector cap-fid");
        assertThat(running.check("publication").orElseThrow().detail()).contains("made by Ficus for plan cap-fid");

        sql(ds, "select pg_drop_replication_slot('cap_fid_peek')");
        connect.delete(plan.name());
        ReplicationSlots.drop(ds, plan.slotName(), WAIT);
    }
}
