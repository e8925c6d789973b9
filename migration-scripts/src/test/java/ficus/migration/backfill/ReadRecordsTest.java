package ficus.migration.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import ficus.acl.customer.CustomerAggregate;
import ficus.acl.customer.CustomerEvent;
import ficus.acl.customer.CustomerTranslation;
import ficus.acl.runtime.DebeziumChangeParser;
import ficus.acl.translation.Change;
import ficus.acl.translation.Operation;
import ficus.acl.translation.SourcePosition;
import ficus.acl.translation.TranslationResult;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The backfill's read records go through the anti-corruption layer's own parser and translation: these cases are the
 * convergence argument of DESIGN.md ("Ordering traps") at the level of one aggregate.
 */
class ReadRecordsTest {

    private static final long LSN = 0x1_0000_0000L;
    private final ReadRecords records = new ReadRecords("legacy", "legacy");
    private final DebeziumChangeParser parser = new DebeziumChangeParser();
    private final CustomerTranslation translation = new CustomerTranslation();

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

    private Change read(String table, Map<String, Object> row, long lsn) {
        return parser.parse(records.value("crm", table, row, lsn, 1_700_000_000_000L));
    }

    @Test
    void shouldBeParsedAsASnapshotReadAtTheChunksLsnBelowAnyStreamedChange() {
        Change change = read("cust", cust(7, "A"), LSN);

        assertThat(change.operation()).isEqualTo(Operation.READ);
        assertThat(change.position()).isEqualTo(SourcePosition.snapshot(LSN));
        assertThat(change.position().format()).isEqualTo("0/0000000000000000/0000000100000000");
        assertThat(change.position()).isLessThan(SourcePosition.streamed(0, 1));
        assertThat(change.origin().rawTopic()).isEqualTo("legacy.crm.cust");
    }

    @Test
    void shouldTranslateTimestampsAsTheCaptureDoesInEpochMicroseconds() {
        var state = translation.project(read("cust", cust(7, "A"), LSN).after());

        assertThat(state.registeredAt()).hasToString("2023-11-14T22:13:20Z");
        assertThat(state.status().name()).isEqualTo("ACTIVE");
    }

    @Test
    void shouldRegisterANeverSeenCustomerOnceWithItsPartsWhenPartsArriveFirst() {
        var afterAddress = translation.apply(read("cust_addr", address(70, 7), LSN), 7, null);
        assertThat(afterAddress.result()).isInstanceOf(TranslationResult.Skip.class);

        var afterRoot = translation.apply(read("cust", cust(7, "A"), LSN), 7, afterAddress.next());

        assertThat(afterRoot.result()).isInstanceOf(TranslationResult.Emit.class);
        var events = ((TranslationResult.Emit<CustomerEvent>) afterRoot.result()).events();
        assertThat(events).singleElement().isInstanceOf(CustomerEvent.CustomerRegistered.class);
        var registered = (CustomerEvent.CustomerRegistered) events.getFirst();
        assertThat(registered.state().address().city()).isEqualTo("Lisbon");
        assertThat(registered.position()).isEqualTo(SourcePosition.snapshot(LSN));
    }

    @Test
    void shouldNeverOverwriteARowTheStreamAlreadyChanged() {
        byte[] streamed = ("{\"before\":null,\"after\":{\"cust_id\":7,\"cst_nm\":\"Ada Lovelace\",\"cst_eml\":"
                + "\"ada@example.org\",\"cst_stat\":\"S\",\"crt_ts\":1700000000000000},\"source\":{\"name\":\"legacy\","
                + "\"schema\":\"crm\",\"table\":\"cust\",\"ts_ms\":1,\"snapshot\":\"false\",\"lsn\":100,"
                + "\"sequence\":\"[\\\"90\\\",\\\"100\\\"]\"},\"op\":\"u\"}").getBytes();
        CustomerAggregate afterStream = translation.apply(parser.parse(streamed), 7, null).next();

        // a backfill read taken before the update (status A) arrives late, with a far higher LSN
        var late = translation.apply(read("cust", cust(7, "A"), Long.MAX_VALUE / 2), 7, afterStream);

        assertThat(late.result()).isInstanceOfSatisfying(TranslationResult.Skip.class,
                skip -> assertThat(skip.duplicate()).isTrue());
    }

    @Test
    void shouldPublishNothingWhenAChunkIsPublishedTwice() {
        CustomerAggregate once = translation.apply(read("cust", cust(7, "A"), LSN), 7, null).next();

        var again = translation.apply(read("cust", cust(7, "A"), LSN + 10), 7, once);

        assertThat(again.result()).isInstanceOf(TranslationResult.Skip.class);
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
    void shouldKeyEveryRowOfAnAggregateByItsId() {
        assertThat(new String(records.key("cust_id", 42))).isEqualTo("{\"cust_id\":42}");
    }
}
