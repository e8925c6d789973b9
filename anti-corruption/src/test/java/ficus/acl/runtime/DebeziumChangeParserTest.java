package ficus.acl.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ficus.acl.translation.Change;
import ficus.acl.translation.Operation;
import ficus.acl.translation.Origin;
import ficus.acl.translation.SourcePosition;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DebeziumChangeParserTest {

    private final DebeziumChangeParser parser = new DebeziumChangeParser();

    @Test
    void shouldParseTheContractSampleOfAStreamedInsert() {
        String sample = """
                {"before":null,
                 "after":{"cust_id":1000001,"cst_nm":"Ada Lovelace","cst_eml":"ada@example.org","cst_stat":"A","cst_nts":"...",
                          "crt_ts":1700000000000000,"upd_ts":1700000000000000,"upd_by":"APP"},
                 "source":{"version":"3.7.0.Final","connector":"postgresql","name":"legacy","ts_ms":1700000000123,"snapshot":"false",
                           "db":"legacy","sequence":"[\\"24023128\\",\\"24023184\\"]","schema":"crm","table":"cust","txId":765,
                           "lsn":24023184,"xmin":null},
                 "transaction":null,"op":"c","ts_ms":1700000000200}
                """;
        Change change = parser.parse(sample.getBytes(StandardCharsets.UTF_8));
        assertThat(change.operation()).isEqualTo(Operation.CREATE);
        assertThat(change.before()).isNull();
        assertThat(change.after().longValue("cust_id")).isEqualTo(1_000_001L);
        assertThat(change.after().instant("crt_ts")).isEqualTo(Instant.parse("2023-11-14T22:13:20Z"));
        assertThat(change.position().format()).isEqualTo("1/00000000016E9058/00000000016E9090");
        assertThat(change.commitTime()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_123L));
        assertThat(change.origin()).isEqualTo(new Origin("legacy", "crm", "cust"));
    }

    @Test
    void shouldLeaveTheValuesOfColumnsNoTableReadsUndecodedButKeepTheirNames() {
        java.util.Set<String> undecoded = ficus.acl.spec.yaml.TranslationSpecLoader.customer().undecodedColumns();
        // ignored by some table and read by none (crt_ts is ignored for leads but mapped for customers)
        assertThat(undecoded).containsExactlyInAnyOrder("natl_id", "cst_nts", "upd_ts", "upd_by", "src", "scr");
        String value = """
                {"before":null,
                 "after":{"cust_id":7,"cst_nm":"Ada","cst_eml":null,"cst_stat":"A","natl_id":"756.1234.5678.97",
                          "cst_nts":"long notes \\\\ with \\"quotes\\"","crt_ts":1700000000000000,"upd_ts":1700000000000000,
                          "upd_by":{"odd":["shape"]},"loyalty":"GOLD"},
                 "source":{"name":"legacy","ts_ms":1700000000123,"snapshot":"false","schema":"crm","table":"cust",
                           "lsn":24023184,"sequence":"[null,\\"24023184\\"]"},
                 "op":"c","ts_ms":1700000000200}
                """;
        Change change = new DebeziumChangeParser(new com.fasterxml.jackson.databind.ObjectMapper(), undecoded)
                .parse(value.getBytes(StandardCharsets.UTF_8));
        assertThat(change.after().columns()).containsExactly("cust_id", "cst_nm", "cst_eml", "cst_stat", "natl_id",
                "cst_nts", "crt_ts", "upd_ts", "upd_by", "loyalty");
        assertThat(change.after().isNull("natl_id")).isTrue();
        assertThat(change.after().isNull("cst_nts")).isTrue();
        assertThat(change.after().isNull("upd_by")).isTrue();
        assertThat(change.after().string("loyalty")).isEqualTo("GOLD"); // a new column: decoded (and counted)
        assertThat(change.after().string("cst_nm")).isEqualTo("Ada");
        assertThat(change.after().instant("crt_ts")).isEqualTo(Instant.parse("2023-11-14T22:13:20Z"));
        assertThat(change.position().format()).isEqualTo("1/0000000000000000/00000000016E9090");
    }

    @Test
    void shouldPositionASnapshotReadInPhaseZero() {
        Change change = parser.parse(RawChanges.read(RawChanges.cust(7, "A"), 0x500));
        assertThat(change.operation()).isEqualTo(Operation.READ);
        assertThat(change.position()).isEqualTo(SourcePosition.snapshot(0x500));
    }

    @Test
    void shouldMarkOnlyAReadWithTheRedriveSnapshotMarkerAsARestateChange() {
        Change redrive = parser.parse(RawChanges.value("r", null, RawChanges.cust(7, "A"), "redrive", null, 0x500));
        assertThat(redrive.restate()).isTrue();
        assertThat(redrive.operation()).isEqualTo(Operation.READ);
        assertThat(redrive.position()).isEqualTo(SourcePosition.snapshot(0x500));

        assertThat(parser.parse(RawChanges.value("r", null, RawChanges.cust(7, "A"), "backfill", null, 0x500))
                .restate()).isFalse();
        assertThat(parser.parse(RawChanges.read(RawChanges.cust(7, "A"), 0x500)).restate()).isFalse();
        assertThat(parser.parse(RawChanges.value("r", null, RawChanges.cust(7, "A"), "incremental", null, 0x500))
                .restate()).isFalse();
        assertThat(parser.parse(RawChanges.value("u", RawChanges.cust(7, "A"), RawChanges.cust(7, "S"), "redrive",
                0x10L, 0x600)).restate()).isFalse();
        assertThat(parser.parse(RawChanges.create(RawChanges.cust(7, "A"), 0x10, 0x20)).restate()).isFalse();
    }

    @Test
    void shouldTakeZeroForANullLastCommitLsn() {
        Change change = parser.parse(RawChanges.value("u", RawChanges.cust(7, "A"), RawChanges.cust(7, "S"), "false",
                null, 0x600));
        assertThat(change.position()).isEqualTo(SourcePosition.streamed(0, 0x600));
    }

    @Test
    void shouldParseADeleteWithOnlyABeforeRow() {
        Change change = parser.parse(RawChanges.delete(RawChanges.cust(7, "A"), 0x10, 0x20));
        assertThat(change.operation()).isEqualTo(Operation.DELETE);
        assertThat(change.after()).isNull();
        assertThat(change.before().longValue("cust_id")).isEqualTo(7L);
    }

    @Test
    void shouldUnwrapAnEnvelopeWithSchema() {
        String payload = new String(RawChanges.create(RawChanges.cust(7, "A"), 1, 2), StandardCharsets.UTF_8);
        Change change = parser.parse(("{\"schema\":{},\"payload\":" + payload + "}").getBytes(StandardCharsets.UTF_8));
        assertThat(change.operation()).isEqualTo(Operation.CREATE);
    }

    @Test
    void shouldCallMalformedWhatIsNotAChangeSayingWhy() {
        assertThatThrownBy(() -> parser.parse("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedChangeException.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> parser.parse("[1]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedChangeException.class).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> parser.parse(RawChanges.value("t", null, null, "false", 1L, 2)))
                .isInstanceOf(MalformedChangeException.class).hasMessageContaining("unsupported op 't'");
        assertThatThrownBy(() -> parser.parse(RawChanges.value("c", null, null, "false", 1L, 2)))
                .isInstanceOf(MalformedChangeException.class).hasMessageContaining("after");
        assertThatThrownBy(() -> parser.parse("{\"op\":\"c\",\"after\":{}}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedChangeException.class).hasMessageContaining("source");
    }
}
