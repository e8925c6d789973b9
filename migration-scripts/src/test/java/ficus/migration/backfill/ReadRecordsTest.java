package ficus.migration.backfill;

import ficus.migration.CrmSample;
import static org.assertj.core.api.Assertions.assertThat;

import ficus.acl.aggregate.Aggregate;
import ficus.acl.aggregate.AggregateKey;
import ficus.acl.aggregate.AggregateTranslation;
import ficus.acl.aggregate.DomainEvent;
import ficus.acl.aggregate.FieldValues;
import ficus.acl.runtime.DebeziumChangeParser;
import ficus.acl.runtime.JsonSupport;
import ficus.acl.spec.TranslationSpec;
import ficus.acl.spec.yaml.TranslationSpecLoader;
import ficus.acl.translation.Change;
import ficus.acl.translation.Operation;
import ficus.acl.translation.Row;
import ficus.acl.translation.SourcePosition;
import ficus.acl.translation.TranslationResult;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The backfill's read records go through the anti-corruption layer's own parser and translation, for more than one
 * spec: these cases are the convergence argument of DESIGN.md ("Ordering traps") at the level of one aggregate, and
 * the proof that a row read over JDBC and rendered as Debezium would projects exactly as the JDBC row itself.
 */
class ReadRecordsTest {

    private static final long LSN = 0x1_0000_0000L;
    private final ReadRecords records = new ReadRecords("legacy", "legacy");
    private final DebeziumChangeParser parser = new DebeziumChangeParser();
    private final TranslationSpec customerSpec = CrmSample.spec();
    private final AggregateTranslation customer = new AggregateTranslation(customerSpec, JsonSupport.DOCUMENTS);
    private final TranslationSpec invoiceSpec = TranslationSpecLoader.loadResource("ficus/migration/specs/invoice.yaml");
    private final AggregateTranslation invoice = new AggregateTranslation(invoiceSpec, JsonSupport.DOCUMENTS);

    private static Map<String, Object> cust(long id, String status) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("cust_id", id);
        row.put("cst_nm", "Ada Lovelace");
        row.put("cst_eml", "ada@example.org");
        row.put("cst_stat", status);
        row.put("crt_ts", LocalDateTime.of(2023, 11, 14, 22, 13, 20));
        return row;
    }

    private static Map<String, Object> address(long id, long customer) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("addr_id", id);
        row.put("cust_id", customer);
        row.put("addr_typ", "H");
        row.put("ln1", "1 Main Street");
        row.put("cty", "Lisbon");
        row.put("zip", "01000");
        row.put("ctry", "PT");
        return row;
    }

    /** An invoice row as {@code JdbcValues} reads it: timestamptz as OffsetDateTime, arrays as lists, jsonb as text. */
    private static Map<String, Object> invoiceRow(String region, long no) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("Region", region);
        row.put("InvoiceNo", no);
        row.put("ClientNo", 900L);
        row.put("issued_at", OffsetDateTime.of(2026, 3, 14, 9, 26, 53, 589_793_000, ZoneOffset.ofHoursMinutes(5, 30)));
        row.put("amount", new BigDecimal("-12.50"));
        row.put("due_on", LocalDate.of(2026, 3, 21));
        row.put("labels", List.of("gift, wrapped", "say \"hi\""));
        row.put("extra", "{\"b\": 1, \"a\": [true, null]}");
        return row;
    }

    private static Map<String, Object> line(String region, long no, long pos, String item) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("Region", region);
        row.put("InvoiceNo", no);
        row.put("Pos", pos);
        row.put("item", item);
        row.put("price", new BigDecimal("19.990"));
        return row;
    }

    private static Map<String, Object> client(long no, String name) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("ClientNo", no);
        row.put("Name", name);
        return row;
    }

    private Change read(String schema, String table, Map<String, Object> row, long lsn) {
        return parser.parse(records.value(schema, table, row, lsn, 1_700_000_000_000L));
    }

    private static DomainEvent event(AggregateTranslation.Step step) {
        assertThat(step.result()).isInstanceOf(TranslationResult.Emit.class);
        return ((TranslationResult.Emit<DomainEvent>) step.result()).events().getFirst();
    }

    @Test
    void shouldBeParsedAsASnapshotReadAtTheChunksLsnBelowAnyStreamedChange() {
        Change change = read("crm", "cust", cust(7, "A"), LSN);

        assertThat(change.operation()).isEqualTo(Operation.READ);
        assertThat(change.restate()).isFalse();
        assertThat(change.position()).isEqualTo(SourcePosition.snapshot(LSN));
        assertThat(change.position().format()).isEqualTo("0/0000000000000000/0000000100000000");
        assertThat(change.position()).isLessThan(SourcePosition.streamed(0, 1));
        assertThat(change.origin().rawTopic()).isEqualTo("legacy.crm.cust");
    }

    @Test
    void shouldBeARestatementWhenMarkedRedrive() {
        ReadRecords redrive = new ReadRecords("legacy", "legacy", ReadRecords.REDRIVE_MARKER);

        Change change = parser.parse(redrive.value("crm", "cust", cust(7, "A"), LSN, 1L));

        assertThat(change.restate()).isTrue();
    }

    @Test
    void shouldRegisterANeverSeenCustomerOnceWithItsPartsWhenPartsArriveFirst() {
        AggregateKey key = AggregateKey.of(7L);
        var afterAddress = customer.apply(read("crm", "cust_addr", address(70, 7), LSN), key, null);
        assertThat(afterAddress.result()).isInstanceOf(TranslationResult.Skip.class);

        DomainEvent registered = event(customer.apply(read("crm", "cust", cust(7, "A"), LSN), key,
                afterAddress.next()));

        assertThat(registered.type()).isEqualTo("CustomerRegistered");
        assertThat(((FieldValues) registered.state().parts().get("address")).get("city")).isEqualTo("Lisbon");
        assertThat(registered.state().root().get("registeredAt")).hasToString("2023-11-14T22:13:20Z");
        assertThat(registered.position()).isEqualTo(SourcePosition.snapshot(LSN));
    }

    @Test
    void shouldNeverOverwriteARowTheStreamAlreadyChanged() {
        byte[] streamed = ("{\"before\":null,\"after\":{\"cust_id\":7,\"cst_nm\":\"Ada Lovelace\",\"cst_eml\":"
                + "\"ada@example.org\",\"cst_stat\":\"S\",\"crt_ts\":1700000000000000},\"source\":{\"name\":\"legacy\","
                + "\"schema\":\"crm\",\"table\":\"cust\",\"ts_ms\":1,\"snapshot\":\"false\",\"lsn\":100,"
                + "\"sequence\":\"[\\\"90\\\",\\\"100\\\"]\"},\"op\":\"u\"}").getBytes();
        AggregateKey key = AggregateKey.of(7L);
        Aggregate afterStream = customer.apply(parser.parse(streamed), key, null).next();

        // a backfill read taken before the update (status A) arrives late, with a far higher LSN
        var late = customer.apply(read("crm", "cust", cust(7, "A"), Long.MAX_VALUE / 2), key, afterStream);

        assertThat(late.result()).isInstanceOfSatisfying(TranslationResult.Skip.class,
                skip -> assertThat(skip.duplicate()).isTrue());
    }

    @Test
    void shouldPublishNothingWhenAChunkIsPublishedTwice() {
        AggregateKey key = AggregateKey.of(7L);
        Aggregate once = customer.apply(read("crm", "cust", cust(7, "A"), LSN), key, null).next();

        var again = customer.apply(read("crm", "cust", cust(7, "A"), LSN + 10), key, once);

        assertThat(again.result()).isInstanceOf(TranslationResult.Skip.class);
    }

    @Test
    void shouldEncodeEveryTypeAsTheCaptureDoes() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("tz", OffsetDateTime.of(2026, 8, 1, 10, 0, 0, 0, ZoneOffset.ofHours(2)));
        row.put("ts", LocalDateTime.of(2026, 3, 14, 5, 56, 53, 589_793_000));
        row.put("d", LocalDate.of(2026, 3, 21));
        row.put("t", LocalTime.of(14, 30, 15, 250_000_000));
        row.put("n", new BigDecimal("0.00"));
        row.put("i", (short) 2);
        row.put("f", 12.75f);
        row.put("u", UUID.fromString("8f14e45f-ceea-467f-a0e6-72e7d1a3b9c1"));
        row.put("a", List.of("gift, wrapped", "say \"hi\""));
        row.put("j", "{\"gift\": true}");
        row.put("b", new byte[] {0, (byte) 0xff, 0x10});
        row.put("iv", 93_784_500_000L);

        String value = new String(records.value("erp", "SalesOrder", row, 42, 1L),
                java.nio.charset.StandardCharsets.UTF_8);

        // what OrdersRawEncodingIT observed Debezium 3.7 emit for the same values (samples/orders README)
        assertThat(value).contains("\"after\":{\"tz\":\"2026-08-01T08:00:00.000000Z\",\"ts\":1773467813589793,"
                + "\"d\":20533,\"t\":52215250000,\"n\":\"0.00\",\"i\":2,\"f\":12.75,"
                + "\"u\":\"8f14e45f-ceea-467f-a0e6-72e7d1a3b9c1\",\"a\":[\"gift, wrapped\",\"say \\\"hi\\\"\"],"
                + "\"j\":\"{\\\"gift\\\": true}\",\"b\":\"AP8Q\",\"iv\":93784500000}");
        assertThat(value).contains("\"schema\":\"erp\",\"table\":\"SalesOrder\"");
    }

    @Test
    void shouldProjectARenderedRowExactlyAsTheJdbcRowItself() {
        Map<String, Object> jdbc = invoiceRow("EU", 7);

        FieldValues viaRecord = invoice.project(read("billing", "Invoice", jdbc, LSN).after());
        FieldValues direct = invoice.project(Row.of(jdbc));

        assertThat(viaRecord).isEqualTo(direct);
        assertThat(viaRecord.get("issuedAt")).isEqualTo(Instant.parse("2026-03-14T03:56:53.589793Z"));
        assertThat(viaRecord.get("amount")).isEqualTo(new BigDecimal("-12.50"));
        assertThat(viaRecord.get("labels")).isEqualTo(List.of("gift, wrapped", "say \"hi\""));
        assertThat(viaRecord.get("dueOn")).isEqualTo(LocalDate.of(2026, 3, 21));
    }

    @Test
    void shouldRegisterACompositeKeyAggregateWithItsListWhenLinesArriveFirstThenFollowItsReference() {
        AggregateKey key = invoice.rootKey(Row.of(invoiceRow("EU", 7)));
        Aggregate a = invoice.apply(read("billing", "InvoiceLine", line("EU", 7, 20, "second"), LSN), key, null)
                .next();
        a = invoice.apply(read("billing", "InvoiceLine", line("EU", 7, 10, "first"), LSN), key, a).next();

        var root = invoice.apply(read("billing", "Invoice", invoiceRow("EU", 7), LSN), key, a);
        DomainEvent issued = event(root);
        DomainEvent withClient = event(invoice.apply(read("billing", "Client", client(900, "Acme"), LSN), key,
                root.next()));

        assertThat(key.text()).isEqualTo("EU:7");
        assertThat(issued.type()).isEqualTo("InvoiceIssued");
        assertThat(((List<FieldValues>) issued.state().parts().get("lines"))).extracting(l -> l.get("item"))
                .containsExactly("first", "second");
        assertThat(root.subscriptions()).singleElement()
                .satisfies(s -> assertThat(s.referencedKey()).isEqualTo("900"));
        assertThat(((FieldValues) withClient.state().parts().get("client")).get("name")).isEqualTo("Acme");
    }

    @Test
    void shouldRenderTheDebeziumReadRecordShapeByteForByte() {
        Map<String, Object> row = cust(7, "A");
        row.put("cst_eml", null);
        row.put("cst_nm", "Ad\u00e9 \"Q\" \\ \n");

        String value = new String(records.value("crm", "cust", row, 42, 1_700_000_000_123L),
                java.nio.charset.StandardCharsets.UTF_8);

        assertThat(value).isEqualTo("{\"before\":null,\"after\":{\"cust_id\":7,\"cst_nm\":\"Ad\u00e9 \\\"Q\\\" \\\\ \\n\","
                + "\"cst_eml\":null,\"cst_stat\":\"A\",\"crt_ts\":1700000000000000},\"source\":{\"version\":"
                + "\"ficus-backfill\",\"connector\":\"postgresql\",\"name\":\"legacy\",\"ts_ms\":1700000000123,"
                + "\"snapshot\":\"backfill\",\"db\":\"legacy\",\"sequence\":null,\"schema\":\"crm\",\"table\":"
                + "\"cust\",\"txId\":null,\"lsn\":42,\"xmin\":null},\"transaction\":null,\"op\":\"r\","
                + "\"ts_ms\":1700000000123}");
    }

    @Test
    void shouldRenderEveryRecordAloneWhenOneRendererIsReusedAcrossTablesAndChunks() {
        ReadRecords.Renderer renderer = records.renderer();
        var custTable = renderer.table("crm", "cust", List.copyOf(cust(1, "A").keySet()));
        var addressTable = renderer.table("crm", "cust_addr", List.copyOf(address(1, 1).keySet()));

        for (long i = 1; i <= 3; i++) {
            long lsn = LSN + i / 2; // the tail changes with the chunk's LSN, and not on every record
            Map<String, Object> address = address(10 * i, i);
            Map<String, Object> cust = cust(i, i == 2 ? "S" : "A");
            assertThat(renderer.value(addressTable, address.values().toArray(), lsn, 5 + i))
                    .isEqualTo(records.value("crm", "cust_addr", address, lsn, 5 + i));
            assertThat(renderer.value(custTable, cust.values().toArray(), lsn, 5 + i))
                    .isEqualTo(records.value("crm", "cust", cust, lsn, 5 + i));
        }
    }

    @Test
    void shouldKeyEveryRowOfAnAggregateByItsRootKeyAsDebeziumKeysTheTable() {
        assertThat(new String(records.key(List.of("cust_id"), new Object[] {42L}))).isEqualTo("{\"cust_id\":42}");
        assertThat(new String(records.key(List.of("Region", "InvoiceNo"), new Object[] {"EU", 7L})))
                .isEqualTo("{\"Region\":\"EU\",\"InvoiceNo\":7}");
    }
}
