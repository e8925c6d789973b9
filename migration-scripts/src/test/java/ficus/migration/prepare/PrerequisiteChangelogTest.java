package ficus.migration.prepare;

import static org.assertj.core.api.Assertions.assertThat;

import ficus.connectors.plan.CapturePlan;
import ficus.connectors.plan.CapturePlanLoader;
import ficus.connectors.plan.TableId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PrerequisiteChangelogTest {

    private static CapturePlan plan() {
        CapturePlan shipped = CapturePlanLoader.legacyCrm();
        return new CapturePlan("legacy-crm", shipped.source(), new ficus.connectors.plan.Connection("localhost", 5432,
                "legacy", "ficus_cdc", shipped.connection().password()), shipped.tables(), shipped.sensitiveColumns(),
                "ficus_slot", "ficus_pub", shipped.snapshotMode(), shipped.heartbeatInterval(), shipped.tuning(),
                shipped.keyColumns(), Optional.of("update ficus.heartbeat set ts = now() where id = 1"),
                Optional.of(new TableId("ficus", "debezium_signal")), shipped.beforeImageTables());
    }

    @Test
    void shouldGrantTheReplicationRoleOnlyLoginReplicationAndSelectOnTheCapturedTables() {
        String changelog = PrerequisiteChangelog.render(plan(), PrerequisiteChangelog.Options.defaults());

        assertThat(changelog).startsWith("--liquibase formatted sql")
                .contains("CREATE ROLE ficus_cdc WITH LOGIN REPLICATION NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD "
                        + "${ficus.replication.password};")
                .contains("GRANT SELECT ON crm.cust, crm.cust_addr, crm.lead, crm.cd_stat TO ficus_cdc;")
                .contains("GRANT USAGE ON SCHEMA crm TO ficus_cdc;")
                .doesNotContain("GRANT ALL").doesNotContain("natl_id");
    }

    @Test
    void shouldGiveEveryChangesetARollback() {
        var sets = PrerequisiteChangelog.changeSets(plan(), PrerequisiteChangelog.Options.defaults());

        assertThat(sets).extracting(PrerequisiteChangelog.ChangeSet::id).containsExactly(
                "legacy-crm-schema-ficus", "legacy-crm-role", "legacy-crm-grants",
                "legacy-crm-replica-identity-crm-cust", "legacy-crm-heartbeat", "legacy-crm-signal",
                "legacy-crm-publication");
        assertThat(sets).allSatisfy(cs -> assertThat(cs.rollback()).isNotBlank());
        String changelog = PrerequisiteChangelog.render(plan(), PrerequisiteChangelog.Options.defaults());
        assertThat(changelog.split("--changeset ").length - 1).isEqualTo(7);
        assertThat(changelog).contains("--rollback DROP PUBLICATION IF EXISTS ficus_pub;")
                .contains("--rollback ALTER TABLE crm.cust REPLICA IDENTITY DEFAULT;")
                .contains("--rollback DROP ROLE IF EXISTS ficus_cdc;");
    }

    @Test
    void shouldPublishExactlyTheCapturedTablesAndTheSignalTable() {
        String changelog = PrerequisiteChangelog.render(plan(), PrerequisiteChangelog.Options.defaults());

        assertThat(changelog).contains("CREATE PUBLICATION ficus_pub FOR TABLE crm.cust, crm.cust_addr, crm.lead, "
                + "crm.cd_stat, ficus.debezium_signal WITH (publish_via_partition_root = true);")
                .contains("COMMENT ON PUBLICATION ficus_pub IS 'ficus: publication of capture plan legacy-crm';");
    }

    @Test
    void shouldCreateTheHeartbeatTableTheActionQueryWrites() {
        assertThat(PrerequisiteChangelog.heartbeatTable(plan())).contains(new TableId("ficus", "heartbeat"));
        assertThat(PrerequisiteChangelog.render(plan(), PrerequisiteChangelog.Options.defaults()))
                .contains("CREATE TABLE IF NOT EXISTS ficus.heartbeat (id int PRIMARY KEY, ts timestamptz NOT NULL);")
                .contains("GRANT SELECT, INSERT, UPDATE ON ficus.heartbeat TO ficus_cdc;")
                .contains("GRANT SELECT, INSERT ON ficus.debezium_signal TO ficus_cdc;");
    }

    @Test
    void shouldLeaveAnExistingRoleAlone() {
        var sets = PrerequisiteChangelog.changeSets(plan(), new PrerequisiteChangelog.Options(false));

        assertThat(sets).extracting(PrerequisiteChangelog.ChangeSet::id).doesNotContain("legacy-crm-role");
        assertThat(List.of(PrerequisiteChangelog.path(plan()))).containsExactly("ficus/prepare/legacy-crm.sql");
    }

    @Test
    void shouldQuoteIdentifiersThatAreNotPlainLowerCase() {
        assertThat(PrerequisiteChangelog.ident("Weird\"Name")).isEqualTo("\"Weird\"\"Name\"");
        assertThat(PrerequisiteChangelog.literal("it's")).isEqualTo("'it''s'");
    }

    @Test
    void shouldWriteAPsqlScriptThatChecksBeforeItCreatesAndNamesNoExistingRole() {
        String fresh = PrerequisiteChangelog.psqlScript(plan(), PrerequisiteChangelog.Options.defaults());

        assertThat(fresh).contains("SELECT NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ficus_cdc') AS"
                        + " ficus_step_1 \\gset\n\\if :ficus_step_1\nCREATE ROLE ficus_cdc WITH LOGIN REPLICATION")
                .contains("PASSWORD :'ficus_replication_password';")
                .contains("\\else\nALTER PUBLICATION ficus_pub SET TABLE crm.cust, crm.cust_addr")
                .doesNotContain("databasechangelog").doesNotContain("liquibase").doesNotContain("successfully")
                .doesNotContain("${");

        String existingRole = PrerequisiteChangelog.psqlScript(plan(), new PrerequisiteChangelog.Options(false));

        assertThat(existingRole).doesNotContain("CREATE ROLE").doesNotContain("pg_roles")
                .contains("-- role ficus_cdc exists: left as it is (no statement)");
    }

    @Test
    void shouldQuoteMixedCaseAndReservedNamesInEveryStatement() {
        CapturePlan plan = new CapturePlanLoader().parse("""
                name: orders
                source: erp
                connection: {host: localhost, database: erp, user: Cdc, password: "${env:PW}"}
                tables: [erp."OrderLine", erp."order"]
                beforeImages: [erp."OrderLine"]
                slot: s
                publication: p
                """, "orders.yaml");

        String script = PrerequisiteChangelog.psqlScript(plan, PrerequisiteChangelog.Options.defaults());

        assertThat(script).contains("GRANT SELECT ON erp.\"OrderLine\", erp.\"order\" TO \"Cdc\";")
                .contains("ALTER TABLE erp.\"OrderLine\" REPLICA IDENTITY FULL;")
                .contains("CREATE PUBLICATION p FOR TABLE erp.\"OrderLine\", erp.\"order\" WITH")
                .contains("WHERE rolname = 'Cdc'");
    }

    @Test
    void shouldPublishARowFilterOfThePlanAndKeepItsTextInThePublicationsComment() {
        CapturePlan plan = new CapturePlanLoader().parse("""
                name: erp
                source: erp
                connection: {host: localhost, database: erp, user: ficus_cdc, password: "${env:PW}"}
                tables: ['erp."SalesOrder"', erp.note]
                beforeImages: [erp.note]
                rowFilters:
                  'erp."SalesOrder"': '"Tenant" = 2'
                  erp.note: "region = 'EU'"
                slot: erp
                publication: erp
                """, "erp.yaml");

        String changelog = PrerequisiteChangelog.render(plan, PrerequisiteChangelog.Options.defaults());

        assertThat(changelog).contains("CREATE PUBLICATION erp FOR TABLE erp.\"SalesOrder\" WHERE (\"Tenant\" = 2),"
                        + " erp.note WHERE (region = 'EU') WITH (publish_via_partition_root = true);")
                .contains("COMMENT ON PUBLICATION erp IS 'ficus: publication of capture plan erp; row filters:"
                        + " erp.\"SalesOrder\" WHERE (\"Tenant\" = 2), erp.note WHERE (region = ''EU'')';")
                .containsOnlyOnce("ALTER TABLE erp.note REPLICA IDENTITY FULL;");
        assertThat(changelog.indexOf("ALTER TABLE erp.note REPLICA IDENTITY FULL;"))
                .as("the identity the filter needs comes before the publication").isLessThan(
                        changelog.indexOf("CREATE PUBLICATION"));
    }
}
