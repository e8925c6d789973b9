package ficus.connectors.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ficus.core.FicusException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapturePlanLoaderTest {

    private static final String VALID = """
            name: legacy-crm
            source: legacy
            connection:
              host: db.internal
              port: 6543
              database: legacy
              user: ficus_cdc
              password: ${env:LEGACY_PASSWORD}
            tables:
              - crm.cust
              - crm.cust_addr
            sensitiveColumns:
              - crm.cust.natl_id
            slot: ficus_legacy_crm
            publication: ficus_legacy_crm
            snapshot: when_needed
            heartbeatInterval: 30s
            tuning:
              pollIntervalMs: 50
              maxBatchSize: 1000
              maxQueueSize: 4000
            """;

    private final CapturePlanLoader loader = new CapturePlanLoader();

    @Test
    void shouldLoadEveryFieldOfAValidPlan() {
        CapturePlan plan = loader.parse(VALID, "plan.yaml");

        assertThat(plan.name()).isEqualTo("legacy-crm");
        assertThat(plan.source()).isEqualTo("legacy");
        assertThat(plan.connection()).isEqualTo(
                new Connection("db.internal", 6543, "legacy", "ficus_cdc", new SecretRef.Env("LEGACY_PASSWORD")));
        assertThat(plan.tables()).containsExactly(new TableId("crm", "cust"), new TableId("crm", "cust_addr"));
        assertThat(plan.sensitiveColumns()).containsExactly(new ColumnId(new TableId("crm", "cust"), "natl_id"));
        assertThat(plan.slotName()).isEqualTo("ficus_legacy_crm");
        assertThat(plan.publicationName()).isEqualTo("ficus_legacy_crm");
        assertThat(plan.snapshotMode()).isEqualTo(SnapshotMode.WHEN_NEEDED);
        assertThat(plan.heartbeatInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(plan.tuning()).isEqualTo(new Tuning(50, 1000, 4000));
        assertThat(plan.topics()).containsExactly("legacy.crm.cust", "legacy.crm.cust_addr");
    }

    @Test
    void shouldApplyDefaultsForOptionalFields() {
        CapturePlan plan = loader.parse("""
                name: minimal
                source: legacy
                connection:
                  host: localhost
                  database: legacy
                  user: postgres
                  password: "${file:/etc/ficus/secrets.properties:legacy.password}"
                tables: [crm.cust]
                slot: ficus_minimal
                publication: ficus_minimal
                """, "minimal.yaml");

        assertThat(plan.connection().port()).isEqualTo(5432);
        assertThat(plan.connection().password())
                .isEqualTo(new SecretRef.File("/etc/ficus/secrets.properties", "legacy.password"));
        assertThat(plan.sensitiveColumns()).isEmpty();
        assertThat(plan.snapshotMode()).isEqualTo(SnapshotMode.INITIAL);
        assertThat(plan.heartbeatInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(plan.tuning()).isEqualTo(new Tuning(20, 2048, 8192));
    }

    @Test
    void shouldLoadTheBundledLegacyCrmPlan() {
        CapturePlan plan = CapturePlanLoader.legacyCrm();

        assertThat(plan.name()).isEqualTo("legacy-crm");
        assertThat(plan.source()).isEqualTo("legacy");
        assertThat(plan.connection().database()).isEqualTo("legacy");
        assertThat(plan.topics())
                .containsExactly("legacy.crm.cust", "legacy.crm.cust_addr", "legacy.crm.lead", "legacy.crm.cd_stat");
        assertThat(plan.sensitiveColumns()).extracting(ColumnId::toString).containsExactly("crm.cust.natl_id");
        assertThat(plan.slotName()).isEqualTo("ficus_legacy_crm");
        assertThat(plan.publicationName()).isEqualTo("ficus_legacy_crm");
        assertThat(plan.snapshotMode()).isEqualTo(SnapshotMode.INITIAL);
        assertThat(plan.tuning().pollIntervalMs()).isEqualTo(20);
    }

    @Test
    void shouldPointAPlanAtAnotherServerKeepingEverythingElse() {
        CapturePlan bundled = CapturePlanLoader.legacyCrm();
        Connection sandbox = new Connection("127.0.0.1", 40123, "legacy", "postgres",
                new SecretRef.File("/tmp/work/secrets.properties", "legacy.password"));

        CapturePlan pointed = bundled.withConnection(sandbox);

        assertThat(pointed.connection()).isEqualTo(sandbox);
        assertThat(pointed).usingRecursiveComparison().ignoringFields("connection").isEqualTo(bundled);
    }

    @Test
    void shouldRejectALiteralPasswordWithoutEchoingIt() {
        String yaml = VALID.replace("password: ${env:LEGACY_PASSWORD}", "password: hunter2");

        assertThatThrownBy(() -> loader.parse(yaml, "plan.yaml"))
                .isInstanceOf(FicusException.BadInput.class)
                .hasMessageStartingWith("plan.yaml:8: connection.password: a literal password is not allowed")
                .hasMessageContaining("${env:VARIABLE}")
                .hasMessageContaining("${file:/path/to/secrets.properties:key}")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void shouldRejectAReferenceToAnUnknownProvider() {
        String yaml = VALID.replace("${env:LEGACY_PASSWORD}", "${vault:secret/legacy}");

        assertThatThrownBy(() -> loader.parse(yaml, "plan.yaml"))
                .hasMessageStartingWith("plan.yaml:8: connection.password: '${vault:secret/legacy}' is not a reference");
    }

    @Test
    void shouldRejectAnUnknownFieldNamingItsLineAndTheLikelyIntendedField() {
        String yaml = VALID.replace("slot: ficus_legacy_crm", "slto: ficus_legacy_crm");

        assertThatThrownBy(() -> loader.parse(yaml, "plan.yaml"))
                .isInstanceOf(FicusException.BadInput.class)
                .hasMessageContaining("plan.yaml:14: slto: unknown field; did you mean slot?")
                // and, as slot is now missing, that too, at the mapping's first line
                .hasMessageContaining("plan.yaml:1: slot: missing");
    }

    @Test
    void shouldRejectAnUnknownNestedField() {
        String yaml = VALID.replace("  port: 6543", "  prot: 6543");

        assertThatThrownBy(() -> loader.parse(yaml, "plan.yaml"))
                .hasMessage("plan.yaml:5: connection.prot: unknown field; did you mean connection.port? (known"
                        + " fields here: host, port, database, user, password)");
    }

    @Test
    void shouldRejectATableNameWithoutSchema() {
        String yaml = VALID.replace("  - crm.cust_addr", "  - cust_addr");

        assertThatThrownBy(() -> loader.parse(yaml, "plan.yaml"))
                .hasMessage("plan.yaml:11: tables[1]: 'cust_addr' is not a table name; write schema.table as in SQL,"
                        + " e.g. crm.cust or erp.\"OrderLine\" (unquoted names fold to lower case; ',' and ';' cannot"
                        + " be used)");
    }

    @Test
    void shouldRejectASensitiveColumnOfATableThatIsNotCaptured() {
        String yaml = VALID.replace("  - crm.cust.natl_id", "  - crm.lead.natl_id");

        assertThatThrownBy(() -> loader.parse(yaml, "plan.yaml"))
                .hasMessage("plan.yaml:13: sensitiveColumns[0]: 'crm.lead.natl_id' belongs to crm.lead, which is not a"
                        + " captured table; add crm.lead to tables or fix the column name");
    }

    @Test
    void shouldReportEveryProblemEachOnItsOwnLine() {
        String yaml = VALID.replace("password: ${env:LEGACY_PASSWORD}", "password: secret")
                .replace("snapshot: when_needed", "snapshot: sometimes")
                .replace("maxQueueSize: 4000", "maxQueueSize: 500");

        List<PlanProblem> problems = loader.check(yaml, "plan.yaml");

        assertThat(problems).extracting(PlanProblem::line, PlanProblem::field).containsExactly(
                org.assertj.core.groups.Tuple.tuple(8, "connection.password"),
                org.assertj.core.groups.Tuple.tuple(16, "snapshot"),
                org.assertj.core.groups.Tuple.tuple(21, "tuning.maxQueueSize"));
        assertThat(problems.get(1).message()).contains("initial, initial_only, always, when_needed, no_data");
    }

    @Test
    void shouldReportAMissingRequiredFieldWithWhatToAdd() {
        String yaml = VALID.replace("  database: legacy\n", "");

        assertThatThrownBy(() -> loader.parse(yaml, "plan.yaml"))
                .hasMessage("plan.yaml:4: connection.database: missing; add database: (database name)");
    }

    @Test
    void shouldRejectAFieldGivenTwice() {
        String yaml = VALID + "source: other\n";

        assertThatThrownBy(() -> loader.parse(yaml, "plan.yaml"))
                .hasMessage("plan.yaml:22: source: given twice (first at line 2); keep one");
    }

    @Test
    void shouldReportMalformedYamlWithItsLine() {
        String yaml = "name: legacy-crm\nsource: legacy\ntables: [crm.cust\nslot: x\n";

        assertThatThrownBy(() -> loader.parse(yaml, "broken.yaml"))
                .isInstanceOf(FicusException.BadInput.class)
                .hasMessageStartingWith("broken.yaml:")
                .hasMessageContaining("not valid YAML");
    }

    @Test
    void shouldRejectATopLevelListInsteadOfAMapping() {
        assertThatThrownBy(() -> loader.parse("- name: x\n", "list.yaml"))
                .hasMessageStartingWith("list.yaml:1: (plan): the plan must be a YAML mapping");
    }

    @Test
    void shouldNameAMissingPlanFile() {
        assertThatThrownBy(() -> loader.load(java.nio.file.Path.of("/nonexistent/plan.yaml")))
                .isInstanceOf(FicusException.BadInput.class)
                .hasMessage("/nonexistent/plan.yaml: no such capture plan file; check the path");
    }

    @Test
    void shouldLoadKeyColumnsHeartbeatQuerySignalTableAndBeforeImages() {
        CapturePlan plan = loader.parse("""
                name: audit
                source: legacy
                connection: {host: localhost, database: legacy, user: u, password: "${env:PW}"}
                tables: [crm.cust, crm.audit]
                slot: s
                publication: p
                heartbeatActionQuery: "update ficus.heartbeat set ts = now()"
                signalTable: ficus.debezium_signal
                keyColumns:
                  crm.audit: [audit_ts, audit_seq]
                beforeImages: [crm.cust]
                """, "audit.yaml");

        assertThat(plan.keyColumns()).containsExactly(
                java.util.Map.entry(new TableId("crm", "audit"), List.of("audit_ts", "audit_seq")));
        assertThat(plan.heartbeatActionQuery()).contains("update ficus.heartbeat set ts = now()");
        assertThat(plan.signalTable()).contains(new TableId("ficus", "debezium_signal"));
        assertThat(plan.beforeImageTables()).containsExactly(new TableId("crm", "cust"));
        assertThat(plan.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/legacy");
    }

    @Test
    void shouldRejectKeyColumnsAndBeforeImagesOfTablesThatAreNotCapturedNamingTheirLines() {
        assertThatThrownBy(() -> loader.parse("""
                name: audit
                source: legacy
                connection: {host: localhost, database: legacy, user: u, password: "${env:PW}"}
                tables: [crm.cust]
                slot: s
                publication: p
                keyColumns:
                  crm.audit: [audit_ts]
                beforeImages: [crm.cst]
                signalTable: nodot
                """, "audit.yaml"))
                .isInstanceOf(FicusException.BadInput.class)
                .hasMessage(String.join(System.lineSeparator(),
                        "audit.yaml:8: keyColumns.crm.audit: crm.audit is not a captured table; add it to tables or fix"
                                + " the name",
                        "audit.yaml:10: signalTable: 'nodot' is not a table name; write schema.table, e.g."
                                + " ficus.debezium_signal",
                        "audit.yaml:9: beforeImages[0]: 'crm.cst' is not a captured table; add it to tables or fix the"
                                + " name"));
    }

    @Test
    void shouldReadNamesAsPostgresqlDoesQuotedKeptUnquotedFolded() {
        String yaml = VALID.replace("  - crm.cust_addr\n", "  - crm.cust_addr\n  - erp.\"OrderLine\"\n"
                + "  - Erp.Shipment\n  - erp.\"order\"\n  - '\"Größe\".\"we\"\"ird\"'\n")
                .replace("  - crm.cust.natl_id", "  - crm.cust.natl_id\n  - 'erp.\"OrderLine\".\"Sku\"'");

        CapturePlan plan = loader.parse(yaml, "plan.yaml");

        assertThat(plan.tables()).containsExactly(new TableId("crm", "cust"), new TableId("crm", "cust_addr"),
                new TableId("erp", "OrderLine"), new TableId("erp", "shipment"), new TableId("erp", "order"),
                new TableId("Größe", "we\"ird"));
        assertThat(plan.tables()).extracting(TableId::sql).containsExactly("crm.cust", "crm.cust_addr",
                "erp.\"OrderLine\"", "erp.shipment", "erp.\"order\"", "\"Größe\".\"we\"\"ird\"");
        assertThat(plan.sensitiveColumns()).contains(new ColumnId(new TableId("erp", "OrderLine"), "Sku"));
        assertThat(plan.sensitiveColumns().get(1)).hasToString("erp.\"OrderLine\".\"Sku\"");
        assertThat(plan.publishViaPartitionRoot()).isTrue();
    }

    @Test
    void shouldRejectAnUnterminatedQuoteAndASeparatorDebeziumCannotHold() {
        String yaml = VALID.replace("  - crm.cust_addr", "  - erp.\"OrderLine\n  - 'erp.\"a,b\"'");

        assertThatThrownBy(() -> loader.parse(yaml, "plan.yaml"))
                .isInstanceOf(FicusException.BadInput.class)
                .hasMessageContaining("plan.yaml:11: tables[1]: 'erp.\"OrderLine' is not a table name")
                .hasMessageContaining("plan.yaml:12: tables[2]: 'erp.\"a,b\"' is not a table name");
    }

    @Test
    void shouldReadThePartitionModeAndRejectAnythingButABoolean() {
        assertThat(loader.parse(VALID + "publishViaPartitionRoot: false\n", "plan.yaml").publishViaPartitionRoot())
                .isFalse();
        assertThatThrownBy(() -> loader.parse(VALID + "publishViaPartitionRoot: yes please\n", "plan.yaml"))
                .hasMessage("plan.yaml:22: publishViaPartitionRoot: 'yes please' is not true or false");
    }

    @Test
    void shouldLoadRowFiltersOfCapturedTablesAsWritten() {
        CapturePlan plan = loader.parse(VALID + """
                rowFilters:
                  crm.cust: "cst_stat <> 'X'"
                """, "plan.yaml");

        assertThat(plan.rowFilters()).containsExactly(java.util.Map.entry(new TableId("crm", "cust"),
                "cst_stat <> 'X'"));
        assertThat(plan.rowFilterOf(new TableId("crm", "cust_addr"))).isEmpty();
    }

    @Test
    void shouldRejectARowFilterOfATableNotCapturedOrThatIsAStatementOrBlank() {
        String yaml = VALID + """
                rowFilters:
                  crm.lead: "x = 1"
                  crm.cust: "true; drop table crm.cust"
                  crm.cust_addr: " "
                """;

        assertThatThrownBy(() -> loader.parse(yaml, "plan.yaml"))
                .isInstanceOf(FicusException.BadInput.class)
                .hasMessageContaining("plan.yaml:23: rowFilters.crm.lead: crm.lead is not a captured table")
                .hasMessageContaining("plan.yaml:24: rowFilters.crm.cust: holds ';': a row filter is one SQL condition")
                .hasMessageContaining("plan.yaml:25: rowFilters.crm.cust_addr: is blank");
    }
}
