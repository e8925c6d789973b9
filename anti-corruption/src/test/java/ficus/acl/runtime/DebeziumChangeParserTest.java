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
                 "after":{"note_id":1000001,"title":"Tides","body":"...","written_at":1700000000000000,"edited_by":"APP"},
                 "source":{"version":"3.7.0.Final","connector":"postgresql","name":"src","ts_ms":1700000000123,"snapshot":"false",
                           "db":"src","sequence":"[\\"24023128\\",\\"24023184\\"]","schema":"wiki","table":"note","txId":765,
                           "lsn":24023184,"xmin":null},
                 "transaction":null,"op":"c","ts_ms":1700000000200}
                """;
        Change change = parser.parse(sample.getBytes(StandardCharsets.UTF_8));
        assertThat(change.operation()).isEqualTo(Operation.CREATE);
        assertThat(change.before()).isNull();
        assertThat(change.after().longValue("note_id")).isEqualTo(1_000_001L);
        assertThat(change.after().instant("written_at")).isEqualTo(Instant.parse("2023-11-14T22:13:20Z"));
        assertThat(change.position().format()).isEqualTo("1/00000000016E9058/00000000016E9090");
        assertThat(change.commitTime()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_123L));
        assertThat(change.origin()).isEqualTo(new Origin("src", "wiki", "note"));
    }

    @Test
    void shouldLeaveTheValuesOfColumnsNoTableReadsUndecodedButKeepTheirNames() {
        java.util.Set<String> undecoded = ficus.acl.spec.yaml.TranslationSpecLoader.loadResource(
                "ficus/specs/voyage.yaml").undecodedColumns();
        // ignored by some table and read by none
        assertThat(undecoded).containsExactlyInAnyOrder("crew_note", "passenger");
        String value = """
                {"before":null,
                 "after":{"Line":"N","VoyageNo":7,"state":"P","fare":null,"crew_note":"long notes \\\\ with \\"quotes\\"",
                          "passenger":{"odd":["shape"]},"departs_at":"2023-11-14T22:13:20Z","VesselId":3,"loyalty":"GOLD"},
                 "source":{"name":"src","ts_ms":1700000000123,"snapshot":"false","schema":"fleet","table":"Voyage",
                           "lsn":24023184,"sequence":"[null,\\"24023184\\"]"},
                 "op":"c","ts_ms":1700000000200}
                """;
        Change change = new DebeziumChangeParser(new com.fasterxml.jackson.databind.ObjectMapper(), undecoded)
                .parse(value.getBytes(StandardCharsets.UTF_8));
        assertThat(change.after().columns()).containsExactly("Line", "VoyageNo", "state", "fare", "crew_note",
                "passenger", "departs_at", "VesselId", "loyalty");
        assertThat(change.after().isNull("crew_note")).isTrue();
        assertThat(change.after().isNull("passenger")).isTrue();
        assertThat(change.after().string("loyalty")).isEqualTo("GOLD"); // a new column: decoded (and counted)
        assertThat(change.after().string("Line")).isEqualTo("N");
        assertThat(change.after().string("departs_at")).isEqualTo("2023-11-14T22:13:20Z");
        assertThat(change.position().format()).isEqualTo("1/0000000000000000/00000000016E9090");
    }

    @Test
    void shouldPositionASnapshotReadInPhaseZero() {
        Change change = parser.parse(read(note(7, "A"), 0x500));
        assertThat(change.operation()).isEqualTo(Operation.READ);
        assertThat(change.position()).isEqualTo(SourcePosition.snapshot(0x500));
    }

    @Test
    void shouldMarkOnlyAReadWithTheRedriveSnapshotMarkerAsARestateChange() {
        Change redrive = parser.parse(value("r", null, note(7, "A"), "redrive", null, 0x500));
        assertThat(redrive.restate()).isTrue();
        assertThat(redrive.operation()).isEqualTo(Operation.READ);
        assertThat(redrive.position()).isEqualTo(SourcePosition.snapshot(0x500));

        assertThat(parser.parse(value("r", null, note(7, "A"), "backfill", null, 0x500))
                .restate()).isFalse();
        assertThat(parser.parse(read(note(7, "A"), 0x500)).restate()).isFalse();
        assertThat(parser.parse(value("r", null, note(7, "A"), "incremental", null, 0x500))
                .restate()).isFalse();
        assertThat(parser.parse(value("u", note(7, "A"), note(7, "S"), "redrive",
                0x10L, 0x600)).restate()).isFalse();
        assertThat(parser.parse(create(note(7, "A"), 0x10, 0x20)).restate()).isFalse();
    }

    @Test
    void shouldTakeZeroForANullLastCommitLsn() {
        Change change = parser.parse(value("u", note(7, "A"), note(7, "S"), "false",
                null, 0x600));
        assertThat(change.position()).isEqualTo(SourcePosition.streamed(0, 0x600));
    }

    @Test
    void shouldParseADeleteWithOnlyABeforeRow() {
        Change change = parser.parse(delete(note(7, "A"), 0x10, 0x20));
        assertThat(change.operation()).isEqualTo(Operation.DELETE);
        assertThat(change.after()).isNull();
        assertThat(change.before().longValue("note_id")).isEqualTo(7L);
    }

    @Test
    void shouldUnwrapAnEnvelopeWithSchema() {
        String payload = new String(create(note(7, "A"), 1, 2), StandardCharsets.UTF_8);
        Change change = parser.parse(("{\"schema\":{},\"payload\":" + payload + "}").getBytes(StandardCharsets.UTF_8));
        assertThat(change.operation()).isEqualTo(Operation.CREATE);
    }

    @Test
    void shouldCallMalformedWhatIsNotAChangeSayingWhy() {
        assertThatThrownBy(() -> parser.parse("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedChangeException.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> parser.parse("[1]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedChangeException.class).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> parser.parse(value("t", null, null, "false", 1L, 2)))
                .isInstanceOf(MalformedChangeException.class).hasMessageContaining("unsupported op 't'");
        assertThatThrownBy(() -> parser.parse(value("c", null, null, "false", 1L, 2)))
                .isInstanceOf(MalformedChangeException.class).hasMessageContaining("after");
        assertThatThrownBy(() -> parser.parse("{\"op\":\"c\",\"after\":{}}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedChangeException.class).hasMessageContaining("source");
    }

    private static java.util.Map<String, Object> note(long id, String title) {
        java.util.Map<String, Object> row = new java.util.LinkedHashMap<>();
        row.put("note_id", id);
        row.put("title", title);
        return row;
    }

    private static byte[] value(String op, java.util.Map<String, Object> before, java.util.Map<String, Object> after,
            String snapshot, Long commitLsn, long lsn) {
        return DebeziumRecords.value("wiki.note", op, before, after, snapshot, commitLsn, lsn);
    }

    private static byte[] read(java.util.Map<String, Object> after, long lsn) {
        return value("r", null, after, "true", null, lsn);
    }

    private static byte[] create(java.util.Map<String, Object> after, long commitLsn, long lsn) {
        return value("c", null, after, "false", commitLsn, lsn);
    }

    private static byte[] delete(java.util.Map<String, Object> before, long commitLsn, long lsn) {
        return value("d", before, null, "false", commitLsn, lsn);
    }
}
