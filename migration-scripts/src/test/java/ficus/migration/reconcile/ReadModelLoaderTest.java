package ficus.migration.reconcile;

import ficus.migration.CrmSample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ficus.acl.aggregate.AggregateKey;
import ficus.acl.aggregate.FieldValues;
import ficus.acl.spec.FieldType;
import ficus.acl.spec.TranslationSpec;
import ficus.acl.spec.yaml.TranslationSpecLoader;
import ficus.core.FicusException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Read-model files for two specs: resolved against the spec, every mistake one line with file, line and field. */
class ReadModelLoaderTest {

    private final TranslationSpec customer = CrmSample.spec();
    private final TranslationSpec invoice = TranslationSpecLoader.loadResource("ficus/migration/specs/invoice.yaml");

    @Test
    void shouldReadTheCustomerStatusReadModel() {
        ReadModel model = ReadModelLoader.loadResource("ficus/migration/readmodels/customer-status.yaml");

        assertThat(model.name()).isEqualTo("customer-status");
        assertThat(model.key()).containsExactly("customer_id");
        assertThat(model.present()).isEqualTo("not removed");
        assertThat(model.sql(new KeyOrder(customer.keyFields()))).isEqualTo(
                "select customer_id, status from customer_status where not removed order by customer_id");
        assertThat(model.resolve(customer)).extracting(ReadModel.Compared::type).containsExactly(FieldType.ENUM);
    }

    @Test
    void shouldResolveRootFieldsListsAndReferencedFieldsOfACompositeKeySpec() {
        ReadModel model = ReadModelLoader.loadResource("ficus/migration/readmodels/invoice-view.yaml");

        var compared = model.resolve(invoice);

        assertThat(compared).extracting(ReadModel.Compared::path)
                .containsExactly("amount", "issuedAt", "labels", "lines", "client.name");
        assertThat(compared).extracting(ReadModel.Compared::type).containsExactly(FieldType.DECIMAL,
                FieldType.INSTANT, FieldType.STRING, FieldType.JSON, FieldType.STRING);
        assertThat(compared.get(2).array()).isTrue();
        // text keys sort by bytes on both sides, numbers as numbers
        assertThat(model.sql(new KeyOrder(invoice.keyFields()))).endsWith(
                "order by region::text collate \"C\", invoice_no");
    }

    @Test
    void shouldNameTheFileLineAndFieldOfAFieldTheSpecDoesNotHave() {
        ReadModel model = ReadModelLoader.parse("""
                readModel: invoice-view
                table: invoice_view
                key: [region, invoice_no]
                fields:
                  amount: amount
                  amonut: amount2
                """, "invoice-view.yaml");

        assertThatThrownBy(() -> model.resolve(invoice)).isInstanceOf(FicusException.BadInput.class)
                .hasMessageStartingWith("invoice-view.yaml:6: fields.amonut: the invoice translation has no field"
                        + " 'amonut' (did you mean 'amount'?)");
    }

    @Test
    void shouldRefuseAKeyOfAnotherWidthThanTheSpecsAndAReadModelOfAnotherTranslation() {
        ReadModel narrow = ReadModelLoader.parse("readModel: v\ntable: v\nkey: region\nfields:\n  amount: a\n", "v.yaml");
        ReadModel other = ReadModelLoader.parse("readModel: v\ntranslation: customer\ntable: v\nkey: [a, b]\n"
                + "fields:\n  amount: a\n", "w.yaml");

        assertThatThrownBy(() -> narrow.resolve(invoice)).hasMessageStartingWith("v.yaml:3: key: 1 column(s)");
        assertThatThrownBy(() -> other.resolve(invoice)).hasMessageStartingWith("w.yaml:1: translation:");
    }

    @Test
    void shouldNameTheLineOfEveryMistakeInTheFile() {
        assertThatThrownBy(() -> ReadModelLoader.parse("readModel: v\ntabel: v\n", "a.yaml"))
                .hasMessage("a.yaml:2: tabel: unknown key (did you mean 'table'?); known: [readModel, translation,"
                        + " table, query, key, present, fields]");
        assertThatThrownBy(() -> ReadModelLoader.parse("readModel: v\ntable: v\nkey: k\nfields:\n"
                + "  amount: { column: a, type: money }\n", "b.yaml"))
                .hasMessageStartingWith("b.yaml:5: fields.amount.type: unknown type 'money'");
        assertThatThrownBy(() -> ReadModelLoader.parse("readModel: v\ntable: v\nquery: select 1\nkey: k\n"
                + "fields:\n  amount: a\n", "c.yaml")).hasMessageContaining("give table or query, not both");
        assertThatThrownBy(() -> ReadModelLoader.parse("readModel: v\ntable: v\nkey: [k, l]\nfields:\n  lines.pos: p\n",
                "d.yaml").resolve(invoice)).hasMessageStartingWith("d.yaml:5: fields.lines.pos: part lines is a list");
    }

    @Test
    void shouldKeepQuotedNamesExactAndFoldUnquotedOnes() {
        ReadModel model = ReadModelLoader.parse("readModel: v\ntable: sales.\"OrderView\"\nkey: ['\"Region\"', No]\n"
                + "fields:\n  amount: Amount\n", "e.yaml");

        assertThat(model.table()).isEqualTo("sales.OrderView");
        assertThat(model.key()).containsExactly("Region", "no");
        assertThat(model.fields().getFirst().column()).isEqualTo("amount");
        assertThat(model.source()).isEqualTo("sales.\"OrderView\"");
    }

    @Test
    void shouldCompareValuesByWhatTheyMeanNotHowEachSideWritesThem() {
        assertThat(Canonical.legacy(new BigDecimal("12.50"), FieldType.DECIMAL, false))
                .isEqualTo(Canonical.component(new BigDecimal("12.5"), FieldType.DECIMAL, false));
        assertThat(Canonical.legacy(Instant.parse("2026-03-14T03:56:53.589793Z"), FieldType.INSTANT, false))
                .isEqualTo(Canonical.component(OffsetDateTime.parse("2026-03-14T09:26:53.589793+05:30"),
                        FieldType.INSTANT, false));
        assertThat(Canonical.legacy(new FieldType.JsonText("{\"b\":1,\"a\":[true]}"), FieldType.JSON, false))
                .isEqualTo(Canonical.component("{\"a\": [true], \"b\": 1.0}", FieldType.JSON, false));
        assertThat(Canonical.legacy(List.of("x", "y"), FieldType.STRING, true))
                .isEqualTo(Canonical.component(List.of("x", "y"), FieldType.STRING, true))
                .isNotEqualTo(Canonical.component(List.of("y", "x"), FieldType.STRING, true));
        FieldValues line = FieldValues.restore(List.of("pos", "price"), List.of(10L, new BigDecimal("19.99")));
        assertThat(Canonical.legacy(List.of(line), FieldType.JSON, false))
                .isEqualTo(Canonical.component("[{\"price\": \"19.99\", \"pos\": 10}]", FieldType.JSON, false));
        assertThat(Canonical.component("abc", FieldType.LONG, false)).startsWith("unreadable as long");
    }

    @Test
    void shouldOrderTextKeysByCodePointsAsCollateCDoes() {
        KeyOrder order = new KeyOrder(invoice.keyFields());

        assertThat(order.compare(AggregateKey.of(List.of("EU", 9L), ":"), AggregateKey.of(List.of("EU", 10L), ":")))
                .isNegative();
        assertThat(order.compare(AggregateKey.of(List.of("Z", 1L), ":"), AggregateKey.of(List.of("a", 1L), ":")))
                .isNegative();
        assertThat(KeyOrder.codePoints("\uFFFD", "\uD83D\uDE00")).isNegative(); // U+FFFD < U+1F600 in UTF-8
    }
}
