package ficus.acl.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ficus.acl.spec.yaml.TranslationSpecLoader;
import ficus.core.FicusException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranslationSpecLoaderTest {

    private static final String MINIMAL = """
            translation: customer
            context: crm
            version: 1
            root:
              table: crm.cust
              key: cust_id
              fields:
                customerId: { column: cust_id, type: long, required: true }
            events:
              - { on: registered, type: CustomerRegistered }
            """;

    @Test
    void shouldLoadTheShippedCustomerSpec() {
        TranslationSpec spec = TranslationSpecLoader.customer();

        assertThat(spec.name()).isEqualTo("customer");
        assertThat(spec.version()).isEqualTo(1);
        assertThat(spec.root().table()).isEqualTo("crm.cust");
        assertThat(spec.root().fieldNames()).containsExactly("customerId", "name", "email", "status", "registeredAt");
        assertThat(spec.root().fields().get(3).codes()).containsEntry("X", "CLOSED").hasSize(4);
        assertThat(spec.parts()).extracting(PartSpec::name).containsExactly("address", "openLeads");
        assertThat(spec.part("openLeads").orElseThrow().where().in()).containsExactly("N", "Q");
        assertThat(spec.part("address").orElseThrow().rows().knownColumns()).contains("cust_id", "addr_typ");
        assertThat(spec.events()).extracting(EventRule::type).containsExactly("CustomerRegistered", "CustomerClosed",
                "CustomerStatusChanged", "CustomerDetailsChanged", "CustomerRemoved");
        assertThat(spec.events().get(1).when()).containsEntry("status", "CLOSED");
    }

    @Test
    void shouldReportAnUnknownTypeWithFileLineAndField(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("customer.yaml");
        Files.writeString(file, MINIMAL.replace("type: long", "type: integer"));

        assertThatThrownBy(() -> TranslationSpecLoader.load(file)).isInstanceOf(FicusException.BadInput.class)
                .hasMessage(file + ":8: root.fields.customerId.type: unknown type 'integer' (expected string, long, "
                        + "decimal, double, boolean, date, time, timestamp, instant, interval, uuid, json, bytes, enum, "
                        + "custom, or one of them with [] for an array)");
    }

    @Test
    void shouldReportAnUnknownKeyWhereItIs() {
        assertThatThrownBy(() -> TranslationSpecLoader.parse(MINIMAL.replace("  key: cust_id",
                "  key: cust_id\n  primaryKey: cust_id"), "s.yaml"))
                .isInstanceOf(FicusException.BadInput.class)
                .hasMessageStartingWith("s.yaml:7: root.primaryKey: unknown key");
    }

    @Test
    void shouldReportAMissingFieldAtItsParent() {
        assertThatThrownBy(() -> TranslationSpecLoader.parse(MINIMAL.replace("  table: crm.cust\n", ""), "s.yaml"))
                .isInstanceOf(FicusException.BadInput.class)
                .hasMessage("s.yaml:5: root.table: missing");
    }

    @Test
    void shouldRefuseValuesBesideCodesAndAnUnknownConverterForACustomField() {
        assertThatThrownBy(() -> TranslationSpecLoader.parse(MINIMAL.replace(
                "    customerId: { column: cust_id, type: long, required: true }",
                "    customerId: { column: cust_id, type: long, required: true }\n"
                        + "    status: { column: cst_stat, type: enum, values: [A], codes: { A: ACTIVE } }"), "s.yaml"))
                .hasMessage("s.yaml:9: root.fields.status.values: only an enum field without codes lists its values");
        assertThatThrownBy(() -> TranslationSpecLoader.parse("extension: customer\n" + MINIMAL.replace(
                "    customerId: { column: cust_id, type: long, required: true }",
                "    customerId: { column: cust_id, type: long, required: true }\n"
                        + "    country: { column: ctry, type: custom, converter: iso-3166-3 }"), "s.yaml"))
                .hasMessageStartingWith("s.yaml:10: root.fields.country.converter: extension customer has no converter "
                        + "'iso-3166-3'");
    }

    @Test
    void shouldRejectAnExtensionThatIsNotOnTheClassPath() {
        assertThatThrownBy(() -> TranslationSpecLoader.parse("extension: crm-magic\n" + MINIMAL, "s.yaml"))
                .hasMessageStartingWith("s.yaml:1: extension: no TranslationExtension named 'crm-magic'");
    }

    @Test
    void shouldRejectAnEventRuleOnAFieldThatDoesNotExist() {
        assertThatThrownBy(() -> TranslationSpecLoader.parse(MINIMAL + "  - { on: changed, fields: [shoeSize], "
                + "type: CustomerDetailsChanged }\n", "s.yaml"))
                .hasMessageStartingWith("s.yaml:11: events[1].fields: no field 'shoeSize'");
    }

    @Test
    void shouldRejectYamlThatDoesNotParse() {
        assertThatThrownBy(() -> TranslationSpecLoader.parse("translation: [customer\n", "s.yaml"))
                .isInstanceOf(FicusException.BadInput.class).hasMessageContaining("s.yaml:")
                .hasMessageContaining("not valid YAML");
    }

    @Test
    void shouldNameTheFileThatDoesNotExist(@TempDir Path dir) {
        assertThatThrownBy(() -> TranslationSpecLoader.load(dir.resolve("nope.yaml")))
                .isInstanceOf(FicusException.BadInput.class).hasMessageContaining("nope.yaml: no such translation spec");
    }
}
