package ficus.connectors;

import static ficus.connectors.ItSupport.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import ficus.core.FicusException;
import ficus.sandbox.Sandbox;
import ficus.sandbox.SandboxExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Row filters on the real stack, over mixed-case names: a filter on a key column (default replica identity) of a table
 * with a sensitive column, and a filter on a plain column of a before-image table. Only matching rows reach Kafka, in
 * the snapshot and streaming; a row updated out of or into the filter arrives as a delete or an insert; other rows
 * never cross the replication connection; the legacy application's updates keep working. A filter outside the replica
 * identity, or one that is not a condition on its table, is refused before anything changes.
 */
@ExtendWith(SandboxExtension.class)
class RowFilterIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldCaptureOnlyTheFilteredRowsInSnapshotAndStreamAndKeepTheOthersInTheDatabase(Sandbox s) throws Exception {
        s.postgres().createDatabase("row_filt");
        DataSource ds = s.postgres().dataSource("row_filt");
        sql(ds, "create schema \"Shop\"",
                "create table \"Shop\".\"Order\" (\"Tenant\" int, \"Id\" int, region text, \"Secret\" text,"
                        + " primary key (\"Tenant\", \"Id\"))",
                "create table \"Shop\".note (id int primary key, region text not null, body text)",
                "alter table \"Shop\".note replica identity full",
                "insert into \"Shop\".\"Order\" values (1, 1, 'EU', 'SECRET-1'), (2, 1, 'HIDDEN-REGION', 'SECRET-2')",
                "insert into \"Shop\".note values (1, 'EU', 'note one'), (2, 'US', 'note two, captured once it moves into the filter')");
        CapturePlan plan = ItSupport.plan(s, "row_filt", "row_filt", "'\"Shop\".\"Order\"', '\"Shop\".note'", """
                sensitiveColumns: ['"Shop"."Order"."Secret"']
                beforeImages: ['"Shop".note']
                rowFilters:
                  '"Shop"."Order"': '"Tenant" = 1'
                  '"Shop".note': "region = 'EU'"
                """);

        PreflightReport before = Preflight.run(plan, ds);
        assertThat(before.failures()).extracting(CheckResult::summary).isEmpty();
        assertThat(before.check("row filter \"Shop\".\"Order\"").orElseThrow().detail())
                .contains("only rows where (\"Tenant\" = 1), reading \"Tenant\" (in the replica identity)");
        assertThat(before.check("row filter \"Shop\".note").orElseThrow().detail()).contains("reading region");

        ConnectClient connect = ConnectClient.of(s.connectUrl());
        var deployed = new ConnectorDeployer(connect).withLegacyDataSource(ds).deploy(plan, DeployOptions.defaults());
        assertThat(deployed.config()).containsEntry("snapshot.select.statement.overrides", "Shop.Order,Shop.note")
                .containsEntry("snapshot.select.statement.overrides.Shop.Order",
                        "SELECT \"Tenant\", \"Id\", region FROM \"Shop\".\"Order\" WHERE (\"Tenant\" = 1)")
                .containsEntry("snapshot.select.statement.overrides.Shop.note",
                        "SELECT * FROM \"Shop\".note WHERE (region = 'EU')");
        await("slot of row_filt active").atMost(WAIT)
                .until(() -> ReplicationSlots.find(ds, plan.slotName()).map(SlotInfo::active).orElse(false));
        assertThat(ItSupport.longQuery(ds, "select count(*) from pg_publication_tables where pubname = 'row_filt'"
                + " and rowfilter is not null")).as("both tables published with their filter").isEqualTo(2);
        sql(ds, "select pg_create_logical_replication_slot('row_filt_peek', 'pgoutput')");

        sql(ds, "insert into \"Shop\".\"Order\" values (1, 2, 'EU', 'SECRET-3'), (2, 2, 'HIDDEN-REGION', 'SECRET-4')",
                "update \"Shop\".\"Order\" set region = 'HIDDEN-UPDATE' where \"Tenant\" = 2 and \"Id\" = 1",
                "delete from \"Shop\".\"Order\" where \"Tenant\" = 2 and \"Id\" = 2",
                "update \"Shop\".\"Order\" set region = 'EU-WEST' where \"Tenant\" = 1 and \"Id\" = 1",
                "insert into \"Shop\".note values (3, 'EU', 'note three'), (4, 'US', 'HIDDEN-NOTE-4')",
                "update \"Shop\".note set region = 'US', body = 'HIDDEN-MOVED-OUT' where id = 1",
                "update \"Shop\".note set region = 'EU' where id = 2",
                "insert into \"Shop\".\"Order\" values (1, 99, 'EU', 'SECRET-99')",
                "insert into \"Shop\".note values (99, 'EU', 'last')");

        ItSupport.consume(s, "row_filt.Shop.Order", v -> v.path("after").path("Id").asInt() == 99, 1, WAIT);
        ItSupport.consume(s, "row_filt.Shop.note", v -> v.path("after").path("id").asInt() == 99, 1, WAIT);

        List<String> orders = changes(s, "row_filt.Shop.Order", "Id");
        assertThat(orders).containsExactlyInAnyOrder("r 1", "c 2", "u 1", "c 99");
        assertThat(orders).as("per key in commit order").containsSubsequence("r 1", "u 1");
        List<String> notes = changes(s, "row_filt.Shop.note", "id");
        assertThat(notes).as("note 1 updated out of the filter is a delete, note 2 updated into it an insert")
                .containsExactlyInAnyOrder("r 1", "c 3", "d 1", "c 2", "c 99");
        assertThat(notes).containsSubsequence("r 1", "d 1");

        byte[] stream = ItSupport.replicationStream(ds, "row_filt_peek", plan.publicationName());
        assertThat(ItSupport.contains(stream, "EU-WEST")).as("the peek slot saw the filtered changes").isTrue();
        for (String kept : List.of("HIDDEN-REGION", "HIDDEN-UPDATE", "HIDDEN-NOTE-4", "HIDDEN-MOVED-OUT", "SECRET")) {
            assertThat(ItSupport.contains(stream, kept)).as("%s on the replication connection", kept).isFalse();
        }
        for (String topic : List.of("row_filt.Shop.Order", "row_filt.Shop.note")) {
            for (ConsumerRecord<String, byte[]> record : s.readCommitted(topic)) {
                assertThat(new String(record.value(), StandardCharsets.UTF_8) + record.key())
                        .as("record %s-%d@%d", record.topic(), record.partition(), record.offset())
                        .doesNotContain("HIDDEN").doesNotContain("SECRET");
            }
        }
        assertThat(ItSupport.longQuery(ds, "select count(*) from \"Shop\".\"Order\" where \"Tenant\" = 2"))
                .as("the legacy application's rows outside the filter are all there").isEqualTo(1);

        PreflightReport running = Preflight.run(plan, ds, true);
        assertThat(running.passed()).as("%s", running.failures()).isTrue();
        assertThat(running.check("publication").orElseThrow().status()).isEqualTo(Status.PASS);

        sql(ds, "select pg_drop_replication_slot('row_filt_peek')");
        connect.delete(plan.name());
        ReplicationSlots.drop(ds, plan.slotName(), WAIT);
    }

    @Test
    void shouldRefuseAFilterOutsideTheReplicaIdentityOrOnAMissingColumnAndChangeNothing(Sandbox s) {
        s.postgres().createDatabase("row_filt_bad");
        DataSource ds = s.postgres().dataSource("row_filt_bad");
        sql(ds, "create table public.audit (id int primary key, kind text)",
                "insert into public.audit values (1, 'x')");
        CapturePlan outside = ItSupport.plan(s, "row_filt_bad", "row_filt_bad", "public.audit", """
                rowFilters:
                  public.audit: "kind = 'x'"
                """);

        PreflightReport report = Preflight.run(outside, ds);
        CheckResult check = report.check("row filter public.audit").orElseThrow();
        assertThat(check.status()).isEqualTo(Status.FAIL);
        assertThat(check.detail()).contains("rowFilters.public.audit reads kind, outside the replica identity of"
                + " public.audit").contains("refuses every UPDATE and DELETE");
        assertThat(check.fixSql()).isEqualTo("ALTER TABLE public.audit REPLICA IDENTITY FULL; -- and list it under"
                + " beforeImages in the plan");

        ConnectorDeployer deployer = new ConnectorDeployer(ConnectClient.of(s.connectUrl())).withLegacyDataSource(ds);
        assertThatThrownBy(() -> deployer.deploy(outside, DeployOptions.defaults().withPreflight(false)))
                .isInstanceOf(FicusException.BadInput.class)
                .hasMessageStartingWith("publication row_filt_bad left as it is: rowFilters.public.audit reads kind");
        assertThat(ItSupport.longQuery(ds, "select count(*) from pg_publication where pubname = 'row_filt_bad'"))
                .isZero();
        sql(ds, "update public.audit set kind = 'y' where id = 1", "delete from public.audit where id = 1");

        CapturePlan typo = ItSupport.plan(s, "row_filt_bad", "row_filt_bad", "public.audit", """
                rowFilters:
                  public.audit: "knd = 'x'"
                """);
        CheckResult invalid = Preflight.run(typo, ds).check("row filter public.audit").orElseThrow();
        assertThat(invalid.status()).isEqualTo(Status.FAIL);
        assertThat(invalid.detail()).startsWith("rowFilters.public.audit: \"knd = 'x'\" is not a condition on"
                + " public.audit: column \"knd\" does not exist");
    }

    /** Each change of the topic as {@code op key}, e.g. {@code u 1}: partition by partition, each in offset order. */
    private static List<String> changes(Sandbox s, String topic, String keyColumn) throws Exception {
        List<String> changes = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : s.readCommitted(topic)) {
            if (record.value() == null) {
                continue;
            }
            JsonNode value = JSON.readTree(record.value());
            JsonNode row = value.path("op").asText().equals("d") ? value.path("before") : value.path("after");
            changes.add(value.path("op").asText() + " " + row.path(keyColumn).asInt());
        }
        return changes;
    }
}
