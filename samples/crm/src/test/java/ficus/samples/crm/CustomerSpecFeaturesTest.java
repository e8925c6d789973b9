package ficus.samples.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ficus.acl.aggregate.Aggregate;
import ficus.acl.aggregate.AggregateKey;
import ficus.acl.aggregate.AggregateTranslation;
import ficus.acl.aggregate.DomainEvent;
import ficus.acl.runtime.JsonSupport;
import ficus.acl.spec.CodeTables;
import ficus.acl.spec.FieldSpec;
import ficus.acl.spec.FieldType;
import ficus.acl.spec.RowProjector;
import ficus.acl.spec.TableSpec;
import ficus.acl.spec.TranslationExtension;
import ficus.acl.spec.TranslationSpec;
import ficus.acl.spec.yaml.TranslationSpecLoader;
import ficus.acl.translation.Change;
import ficus.acl.translation.Operation;
import ficus.acl.translation.Origin;
import ficus.acl.translation.RejectionKind;
import ficus.acl.translation.Row;
import ficus.acl.translation.SourcePosition;
import ficus.acl.translation.TranslationResult;
import ficus.acl.translation.UntranslatableException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The declarative features of a spec on variants of the CRM's customer spec, through the generic engine: code tables,
 * soft deletes, tolerated drops, code-to-boolean conversion, the CRM's extension (its SPI rules), unknown columns.
 */
class CustomerSpecFeaturesTest {

    private static final Origin CUST = new Origin("legacy", "crm", "cust");
    private static final Instant COMMIT = Instant.parse("2024-01-01T00:00:00Z");
    private static final AggregateKey KEY = AggregateKey.of(7L);

    private static String spec(String statusField, String extra) {
        return """
                translation: customer
                context: crm
                version: 2
                extension: customer
                root:
                  table: crm.cust
                  key: cust_id
                  fields:
                    customerId:   { column: cust_id, type: long, required: true }
                    name:         { column: cst_nm, type: string, required: true }
                    email:        { column: cst_eml, type: string, whenMissing: "null" }
                """ + statusField + """
                    registeredAt: { column: crt_ts, type: instant, required: true }
                  ignore: [natl_id, cst_nts, upd_ts, upd_by]
                """ + extra + """
                events:
                  - { on: registered, type: CustomerRegistered }
                  - { on: changed, fields: [status], type: CustomerStatusChanged }
                  - { on: changed, type: CustomerDetailsChanged }
                  - { on: removed, type: CustomerRemoved }
                """;
    }

    private static final String INLINE_STATUS =
            "    status: { column: cst_stat, type: enum, required: true, codes: { P: PROSPECT, A: ACTIVE } }\n";

    private static AggregateTranslation translation(TranslationSpec spec) {
        return new AggregateTranslation(spec, JsonSupport.DOCUMENTS);
    }

    private static Row row(Map<String, Object> overrides) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("cust_id", 7L);
        values.put("cst_nm", "Ada");
        values.put("cst_eml", "ada@example.org");
        values.put("cst_stat", "P");
        values.put("crt_ts", 1_700_000_000_000_000L);
        values.putAll(overrides);
        values.values().removeIf(v -> v == Void.class);
        return Row.of(values);
    }

    private static Change change(Operation op, Row before, Row after, long lsn) {
        return new Change(op, before, after, SourcePosition.streamed(lsn, lsn), COMMIT, CUST);
    }

    @Test
    void shouldLoadTheCrmsCustomerSpec() {
        TranslationSpec spec = CrmSample.customerSpec();

        assertThat(spec.name()).isEqualTo("customer");
        assertThat(spec.version()).isEqualTo(1);
        assertThat(spec.extension()).isEqualTo(CustomerRules.NAME);
        assertThat(spec.root().table()).isEqualTo("crm.cust");
        assertThat(spec.root().fieldNames()).containsExactly("customerId", "name", "email", "status", "registeredAt");
        assertThat(spec.root().fields().get(3).codes()).containsEntry("X", "CLOSED").hasSize(4);
        assertThat(spec.parts()).extracting(ficus.acl.spec.PartSpec::name).containsExactly("address", "openLeads");
        assertThat(spec.part("openLeads").orElseThrow().where().in()).containsExactly("N", "Q");
        assertThat(spec.part("address").orElseThrow().rows().knownColumns()).contains("cust_id", "addr_typ");
        assertThat(spec.events()).extracting(ficus.acl.spec.EventRule::type).containsExactly("CustomerRegistered",
                "CustomerClosed", "CustomerStatusChanged", "CustomerDetailsChanged", "CustomerRemoved");
        assertThat(spec.events().get(1).when()).containsEntry("status", "CLOSED");
    }

    @Test
    void shouldTranslateAStatusFromACapturedCodeTable() {
        TranslationSpec spec = TranslationSpecLoader.parse(spec("""
                    status: { column: cst_stat, type: enum, required: true,
                              codeTable: { table: crm.cd_stat, code: cd, value: dsc } }
                """, ""), "code-table.yaml");
        AggregateTranslation translation = new AggregateTranslation(spec,
                CodeTables.of(Map.of("crm.cd_stat", Map.of("P", "Prospect", "S", "Suspended"))), JsonSupport.DOCUMENTS);

        assertThat(translation.project(row(Map.of("cst_stat", "S"))).get("status")).isEqualTo("SUSPENDED");
        assertThatThrownBy(() -> translation.project(row(Map.of("cst_stat", "Z"))))
                .isInstanceOfSatisfying(UntranslatableException.class, e -> {
                    assertThat(e.kind()).isEqualTo(RejectionKind.UNKNOWN_CODE);
                    assertThat(e.getMessage()).contains("'Z'").contains("crm.cd_stat");
                });
        assertThat(spec.codeTables()).containsExactly("crm.cd_stat");
    }

    @Test
    void shouldTurnASoftDeleteFlagIntoARemovalAndBackIntoARegistration() {
        TranslationSpec spec = TranslationSpecLoader.parse(spec(INLINE_STATUS,
                "  softDelete: { column: del_flg, deletedWhen: \"Y\" }\n"), "soft.yaml");
        AggregateTranslation translation = translation(spec);
        Row live = row(Map.of("del_flg", "N"));
        Row gone = row(Map.of("del_flg", "Y"));

        AggregateTranslation.Step registered = translation.apply(change(Operation.CREATE, null, live, 1), KEY, null);
        AggregateTranslation.Step removed = translation.apply(change(Operation.UPDATE, live, gone, 2), KEY,
                registered.next());
        AggregateTranslation.Step back = translation.apply(change(Operation.UPDATE, gone, live, 3), KEY,
                removed.next());

        assertThat(types(registered, removed, back)).containsExactly("CustomerRegistered", "CustomerRemoved",
                "CustomerRegistered");
        assertThat(removed.next().published().removed()).isTrue();
    }

    @Test
    void shouldTolerateADroppedColumnOnlyWhereTheSpecSaysSo() {
        AggregateTranslation tolerant = translation(TranslationSpecLoader.parse(spec(INLINE_STATUS, ""),
                "tolerant.yaml"));
        assertThat(tolerant.project(row(Map.of("cst_eml", Void.class))).get("email")).isNull();
        assertThatThrownBy(() -> tolerant.project(row(Map.of("cst_nm", Void.class))))
                .isInstanceOfSatisfying(UntranslatableException.class,
                        e -> assertThat(e.kind()).isEqualTo(RejectionKind.SCHEMA_DRIFT));
    }

    @Test
    void shouldTreatANumberInATextColumnAsARetypedColumn() {
        AggregateTranslation translation = translation(CrmSample.customerSpec());
        assertThatThrownBy(() -> translation.project(row(Map.of("cst_nm", 42L))))
                .isInstanceOfSatisfying(UntranslatableException.class, e -> {
                    assertThat(e.kind()).isEqualTo(RejectionKind.SCHEMA_DRIFT);
                    assertThat(e.getMessage()).contains("cst_nm").contains("retyped");
                });
    }

    @Test
    void shouldConvertCodesToBooleansAndRejectUnknownOnes() {
        TableSpec table = new TableSpec("crm.lead", "lead_id", List.of(new FieldSpec("open", "ld_stat",
                FieldType.BOOLEAN, true, false, Map.of("N", "true", "W", "false"), null, null, 0)), List.of(), null);
        RowProjector projector = new RowProjector(table, CodeTables.NONE, TranslationExtension.NONE);

        assertThat(projector.project(Row.of(Map.of("lead_id", 1L, "ld_stat", "N ")), null)).containsEntry("open", true);
        assertThat(projector.project(Row.of(Map.of("lead_id", 1L, "ld_stat", "W")), null)).containsEntry("open", false);
        assertThatThrownBy(() -> projector.project(Row.of(Map.of("lead_id", 1L, "ld_stat", "Z")), null))
                .isInstanceOfSatisfying(UntranslatableException.class,
                        e -> assertThat(e.kind()).isEqualTo(RejectionKind.UNKNOWN_CODE));
    }

    @Test
    void shouldLetTheExtensionRejectABlankNameAndConvertCountryCodes() {
        AggregateTranslation translation = translation(CrmSample.customerSpec());
        TranslationResult<DomainEvent> result = translation.apply(
                change(Operation.CREATE, null, row(Map.of("cst_nm", "  ")), 1), KEY, null).result();
        assertThat(result).isInstanceOfSatisfying(TranslationResult.Reject.class, reject -> {
            assertThat(reject.kind()).isEqualTo(RejectionKind.REJECTED);
            assertThat(reject.reason()).contains("name is blank");
        });
        assertThat(new CustomerRules().convert("country-code", "ctry", "pt")).isEqualTo("PT");
        assertThatThrownBy(() -> new CustomerRules().convert("country-code", "ctry", "Portugal"))
                .isInstanceOfSatisfying(UntranslatableException.class,
                        e -> assertThat(e.kind()).isEqualTo(RejectionKind.REJECTED));
        assertThat(new CustomerRules().converters()).containsExactly("country-code");
    }

    @Test
    void shouldReportColumnsTheSpecDoesNotKnow() {
        AggregateTranslation translation = translation(CrmSample.customerSpec());
        Change change = change(Operation.CREATE, null, row(Map.of("loyalty_tier", "GOLD", "natl_id", "x")), 1);
        assertThat(translation.newColumns(change)).containsExactly("loyalty_tier");
    }

    /**
     * The customer-only engine refused a status value that was not one of its {@code CustomerStatus} constants ("'VIP'
     * is not a customer status"); the generic engine publishes the values the spec declares.
     */
    @Test
    void shouldPublishAStatusValueOfTheSpecsOwnChoosing() {
        AggregateTranslation translation = translation(TranslationSpecLoader.parse(spec(
                INLINE_STATUS.replace("ACTIVE", "VIP"), ""), "vip.yaml"));
        assertThat(translation.project(row(Map.of("cst_stat", "A"))).get("status")).isEqualTo("VIP");
    }

    private static List<String> types(AggregateTranslation.Step... steps) {
        return Arrays.stream(steps).map(s -> ((TranslationResult.Emit<DomainEvent>) s.result()).events()
                .getFirst().type()).toList();
    }
}
