package ficus.connectors.render;

import static org.assertj.core.api.Assertions.assertThat;

import ficus.connectors.plan.CapturePlan;
import ficus.connectors.plan.CapturePlanLoader;
import ficus.connectors.plan.Connection;
import ficus.connectors.plan.SecretRef;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class DebeziumConfigRendererTest {

    private final DebeziumConfigRenderer renderer = new DebeziumConfigRenderer();

    @Test
    void shouldRenderTheBundledPlanExactlyAsTheRawTopicsRequire() {
        CapturePlan plan = CapturePlanLoader.legacyCrm().withConnection(new Connection("127.0.0.1", 54321, "legacy",
                "postgres", new SecretRef.File("/work/.ficus/secrets.properties", "legacy.password")));

        SortedMap<String, String> config = renderer.render(plan);

        assertThat(config).containsExactlyEntriesOf(new TreeMap<>(Map.ofEntries(
                Map.entry("name", "legacy-crm"),
                Map.entry("connector.class", "io.debezium.connector.postgresql.PostgresConnector"),
                Map.entry("tasks.max", "1"),
                Map.entry("plugin.name", "pgoutput"),
                Map.entry("database.hostname", "127.0.0.1"),
                Map.entry("database.port", "54321"),
                Map.entry("database.dbname", "legacy"),
                Map.entry("database.user", "postgres"),
                Map.entry("database.password", "${file:/work/.ficus/secrets.properties:legacy.password}"),
                Map.entry("topic.prefix", "legacy"),
                Map.entry("table.include.list", "crm\\.cust,crm\\.cust_addr,crm\\.lead,crm\\.cd_stat"),
                Map.entry("column.exclude.list", "crm\\.cust\\.natl_id"),
                Map.entry("slot.name", "ficus_legacy_crm"),
                Map.entry("publication.name", "ficus_legacy_crm"),
                Map.entry("publication.autocreate.mode", "disabled"),
                Map.entry("publish.via.partition.root", "true"),
                Map.entry("snapshot.mode", "initial"),
                Map.entry("key.converter", "org.apache.kafka.connect.json.JsonConverter"),
                Map.entry("key.converter.schemas.enable", "false"),
                Map.entry("value.converter", "org.apache.kafka.connect.json.JsonConverter"),
                Map.entry("value.converter.schemas.enable", "false"),
                Map.entry("tombstones.on.delete", "false"),
                Map.entry("decimal.handling.mode", "string"),
                Map.entry("poll.interval.ms", "20"),
                Map.entry("max.batch.size", "2048"),
                Map.entry("max.queue.size", "8192"),
                Map.entry("heartbeat.interval.ms", "10000"))));
    }

    @Test
    void shouldOmitTheExcludeListWhenNoColumnIsSensitive() {
        CapturePlan plan = new CapturePlanLoader().parse("""
                name: plain
                source: legacy
                connection: {host: localhost, database: legacy, user: u, password: "${env:PW}"}
                tables: [crm.cd_stat]
                slot: s
                publication: p
                heartbeatInterval: 0
                """, "plain.yaml");

        SortedMap<String, String> config = renderer.render(plan);

        assertThat(config).doesNotContainKey("column.exclude.list")
                .containsEntry("database.password", "${env:PW}")
                .containsEntry("heartbeat.interval.ms", "0");
    }

    @Test
    void shouldRenderKeyColumnsHeartbeatQueryAndTheSourceSignalChannel() {
        CapturePlan plan = new CapturePlanLoader().parse("""
                name: audit
                source: legacy
                connection: {host: localhost, database: legacy, user: u, password: "${env:PW}"}
                tables: [crm.cust, crm.audit, crm.log]
                slot: s
                publication: p
                heartbeatActionQuery: "update ficus.heartbeat set ts = now()"
                signalTable: ficus.debezium_signal
                keyColumns:
                  crm.audit: [audit_ts, audit_seq]
                  crm.log: log_id
                """, "audit.yaml");

        assertThat(renderer.render(plan))
                .containsEntry("message.key.columns", "crm\\.audit:audit_ts,audit_seq;crm\\.log:log_id")
                .containsEntry("heartbeat.action.query", "update ficus.heartbeat set ts = now()")
                .containsEntry("signal.data.collection", "ficus.debezium_signal")
                .containsEntry("signal.enabled.channels", "source");
    }

    @Test
    void shouldEscapeMixedCaseQuotedAndReservedNamesInDebeziumsRegexListsAndKeepThemExact() {
        CapturePlan plan = new CapturePlanLoader().parse("""
                name: orders
                source: erp
                connection: {host: localhost, database: erp, user: u, password: "${env:PW}"}
                tables: [erp."OrderLine", erp."order", '"Größe"."Maß-Tabelle"']
                sensitiveColumns: ['erp."OrderLine"."Sku$"']
                keyColumns:
                  erp."order": ['"No"', tenant]
                publishViaPartitionRoot: false
                slot: s
                publication: p
                """, "orders.yaml");

        Map<String, String> config = new DebeziumConfigRenderer().render(plan);

        assertThat(config)
                .containsEntry("table.include.list", "erp\\.OrderLine,erp\\.order,Größe\\.Maß\\-Tabelle")
                .containsEntry("column.exclude.list", "erp\\.OrderLine\\.Sku\\$")
                .containsEntry("message.key.columns", "erp\\.order:No,tenant")
                .containsEntry("publish.via.partition.root", "false");
        java.util.regex.Pattern include = java.util.regex.Pattern.compile(config.get("table.include.list").split(",")[2]);
        assertThat(include.matcher("Größe.Maß-Tabelle").matches()).isTrue();
        assertThat(include.matcher("Größe.MaßxTabelle").matches()).isFalse();
        assertThat(plan.topics()).containsExactly("erp.erp.OrderLine", "erp.erp.order", "erp.Gr__e.Ma_-Tabelle");
    }

    private static CapturePlan filtered(String sensitive) {
        return new CapturePlanLoader().parse("""
                name: filtered
                source: erp
                connection: {host: localhost, database: erp, user: u, password: "${env:PW}"}
                tables: ['erp."SalesOrder"', erp.note]
                slot: s
                publication: p
                %s
                rowFilters:
                  'erp."SalesOrder"': '"Tenant" = 2'
                  erp.note: "region = 'EU'"
                """.formatted(sensitive), "filtered.yaml");
    }

    @Test
    void shouldRenderARowFilterAsTheSnapshotQueryOfItsTable() {
        SortedMap<String, String> config = renderer.render(filtered(""));

        assertThat(config).containsEntry("snapshot.select.statement.overrides", "erp.SalesOrder,erp.note")
                .containsEntry("snapshot.select.statement.overrides.erp.SalesOrder",
                        "SELECT * FROM erp.\"SalesOrder\" WHERE (\"Tenant\" = 2)")
                .containsEntry("snapshot.select.statement.overrides.erp.note",
                        "SELECT * FROM erp.note WHERE (region = 'EU')");
    }

    @Test
    void shouldNameEveryColumnButTheSensitiveOnesInTheSnapshotQueryOfAFilteredTable() {
        CapturePlan plan = filtered("sensitiveColumns: ['erp.\"SalesOrder\".\"TaxId\"']");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> renderer.render(plan))
                .isInstanceOf(ficus.core.FicusException.BadInput.class)
                .hasMessage("rowFilters.erp.\"SalesOrder\": erp.\"SalesOrder\" also has sensitive columns, so the"
                        + " snapshot query of its filtered rows must name every other column, and that needs its column"
                        + " list from the database: render it with --database (deploy reads it itself)");

        SortedMap<String, String> config = renderer.render(plan, Map.of(new ficus.connectors.plan.TableId("erp",
                "SalesOrder"), java.util.List.of("Tenant", "OrderNo", "TaxId", "order")));

        assertThat(config).containsEntry("snapshot.select.statement.overrides.erp.SalesOrder",
                "SELECT \"Tenant\", \"OrderNo\", \"order\" FROM erp.\"SalesOrder\" WHERE (\"Tenant\" = 2)");
    }
}
