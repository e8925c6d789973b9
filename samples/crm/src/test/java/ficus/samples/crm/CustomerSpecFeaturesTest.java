package ficus.acl.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ficus.acl.customer.CustomerEvent;
import ficus.acl.customer.CustomerEventType;
import ficus.acl.customer.CustomerStatus;
import ficus.acl.customer.CustomerTranslation;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The declarative features of a spec: conversions, code tables, soft deletes, tolerated drops, the SPI. */
class SpecFeaturesTest {

    private static final Origin CUST = new Origin("legacy", "crm", "cust");
    private static final Instant COMMIT = Instant.parse("2024-01-01T00:00:00Z");

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
    void shouldTranslateAStatusFromACapturedCodeTable() {
        TranslationSpec spec = TranslationSpecLoader.parse(spec("""
                    status: { column: cst_stat, type: enum, required: true,
                              codeTable: { table: crm.cd_stat, code: cd, value: dsc } }
                """, ""), "code-table.yaml");
        CustomerTranslation translation = new CustomerTranslation(spec,
                CodeTables.of(Map.of("crm.cd_stat", Map.of("P", "Prospect", "S", "Suspended"))));

        assertThat(translation.project(row(Map.of("cst_stat", "S"))).status()).isEqualTo(CustomerStatus.SUSPENDED);
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
                "  softDelete: { column: del_flg, deletedWhen: \"Y\" }\n").replace(
                "ignore: [natl_id", "ignore: [natl_id").replace("  ignore: [natl_id, cst_nts, upd_ts, upd_by]\n"
                        + "  softDelete", "  ignore: [natl_id, cst_nts, upd_ts, upd_by]\n  softDelete"), "soft.yaml");
        CustomerTranslation translation = new CustomerTranslation(spec);
        Row live = row(Map.of("del_flg", "N"));
        Row gone = row(Map.of("del_flg", "Y"));

        CustomerTranslation.Step registered = translation.apply(change(Operation.CREATE, null, live, 1), 7, null);
        CustomerTranslation.Step removed = translation.apply(change(Operation.UPDATE, live, gone, 2), 7,
                registered.next());
        CustomerTranslation.Step back = translation.apply(change(Operation.UPDATE, gone, live, 3), 7, removed.next());

        assertThat(types(registered, removed, back)).containsExactly(CustomerEventType.REGISTERED,
                CustomerEventType.REMOVED, CustomerEventType.REGISTERED);
    }

    @Test
    void shouldTolerateADroppedColumnOnlyWhereTheSpecSaysSo() {
        CustomerTranslation tolerant = new CustomerTranslation(TranslationSpecLoader.parse(spec(INLINE_STATUS, ""),
                "tolerant.yaml"));
        assertThat(tolerant.project(row(Map.of("cst_eml", Void.class))).email()).isNull();
        assertThatThrownBy(() -> tolerant.project(row(Map.of("cst_nm", Void.class))))
                .isInstanceOfSatisfying(UntranslatableException.class,
                        e -> assertThat(e.kind()).isEqualTo(RejectionKind.SCHEMA_DRIFT));
    }

    @Test
    void shouldTreatANumberInATextColumnAsARetypedColumn() {
        CustomerTranslation translation = new CustomerTranslation();
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
        CustomerTranslation translation = new CustomerTranslation();
        TranslationResult<CustomerEvent> result = translation.apply(
                change(Operation.CREATE, null, row(Map.of("cst_nm", "  ")), 1), 7, null).result();
        assertThat(result).isInstanceOfSatisfying(TranslationResult.Reject.class, reject -> {
            assertThat(reject.kind()).isEqualTo(RejectionKind.REJECTED);
            assertThat(reject.reason()).contains("name is blank");
        });
        assertThat(new ficus.acl.customer.CustomerRules().convert("country-code", "ctry", "pt")).isEqualTo("PT");
        assertThatThrownBy(() -> new ficus.acl.customer.CustomerRules().convert("country-code", "ctry", "Portugal"))
                .isInstanceOf(UntranslatableException.class);
    }

    @Test
    void shouldReportColumnsTheSpecDoesNotKnow() {
        CustomerTranslation translation = new CustomerTranslation();
        Change change = change(Operation.CREATE, null, row(Map.of("loyalty_tier", "GOLD", "natl_id", "x")), 1);
        assertThat(translation.newColumns(change)).containsExactly("loyalty_tier");
    }

    @Test
    void shouldRefuseASpecThatDoesNotFitTheCustomer() {
        TranslationSpec spec = TranslationSpecLoader.parse(spec(INLINE_STATUS.replace("ACTIVE", "VIP"), ""),
                "vip.yaml");
        assertThatThrownBy(() -> new CustomerTranslation(spec)).isInstanceOf(ficus.core.FicusException.BadInput.class)
                .hasMessageContaining("vip.yaml").hasMessageContaining("'VIP' is not a customer status");
    }

    private static List<CustomerEventType> types(CustomerTranslation.Step... steps) {
        return java.util.Arrays.stream(steps).map(s -> ((TranslationResult.Emit<CustomerEvent>) s.result()).events()
                .getFirst().type()).toList();
    }
}
