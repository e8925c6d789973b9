package ficus.acl.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import ficus.acl.runtime.JsonSupport;
import ficus.acl.spec.TranslationSpec;
import ficus.acl.spec.yaml.TranslationSpecLoader;
import ficus.acl.translation.Change;
import ficus.acl.translation.Operation;
import ficus.acl.translation.Origin;
import ficus.acl.translation.Row;
import ficus.acl.translation.SourcePosition;
import ficus.acl.translation.TranslationResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The engine on a spec of the engine's own tests (voyage: composite quoted key, a list, a count, a reference). */
class AggregateTranslationTest {

    private static final TranslationSpec SPEC = TranslationSpecLoader.load("classpath:ficus/specs/voyage.yaml");
    private static final Instant COMMIT = Instant.parse("2026-12-01T08:00:00Z");
    /** Every row of an initial snapshot is read at the snapshot's one LSN. */
    private static final SourcePosition SNAPSHOT = SourcePosition.snapshot(0x1000);

    private final AggregateTranslation translation = new AggregateTranslation(SPEC, JsonSupport.DOCUMENTS);

    private static Change read(String table, Map<String, Object> row) {
        return new Change(Operation.READ, null, Row.of(row), SNAPSHOT, COMMIT, new Origin("sea", "fleet", table));
    }

    private static Map<String, Object> voyage() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("Line", "NORTH");
        row.put("VoyageNo", 7L);
        row.put("state", "P");
        row.put("departs_at", "2026-12-24T18:00:00.000000Z");
        row.put("fare", "120.50");
        row.put("VesselId", 3L);
        row.put("crew_note", "n/a");
        return row;
    }

    private static Map<String, Object> leg(long legNo, long seq) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("Line", "NORTH");
        row.put("VoyageNo", 7L);
        row.put("LegNo", legNo);
        row.put("port", "P" + legNo);
        row.put("seq", seq);
        return row;
    }

    @Test
    void shouldGiveEveryRowOfOneSnapshotItsOwnEventIdThoughTheyShareTheSnapshotsPosition() {
        AggregateKey key = AggregateKey.of(List.of("NORTH", 7L), ":");
        List<UUID> ids = new ArrayList<>();
        List<SourcePosition> positions = new ArrayList<>();
        Aggregate aggregate = null;
        for (Change change : List.of(read("Voyage", voyage()), read("Leg", leg(1, 1)), read("Leg", leg(2, 2)),
                read("Leg", leg(3, 3)))) {
            AggregateTranslation.Step step = translation.apply(change, key, aggregate);
            aggregate = step.next();
            DomainEvent event = ((TranslationResult.Emit<DomainEvent>) step.result()).events().getFirst();
            ids.add(event.eventId());
            positions.add(event.position());
        }
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(positions).isSortedAccordingTo(SourcePosition::compareTo).doesNotHaveDuplicates();
        // and the same change applied to the same aggregate again would give the same id
        AggregateTranslation again = new AggregateTranslation(SPEC, JsonSupport.DOCUMENTS);
        DomainEvent first = ((TranslationResult.Emit<DomainEvent>) again.apply(read("Voyage", voyage()), key, null)
                .result()).events().getFirst();
        assertThat(first.eventId()).isEqualTo(ids.getFirst());
    }

    @Test
    void shouldKeyTheAggregateByItsTypedCompositeKeyAndOrderTheListByItsDeclaredField() {
        AggregateKey key = translation.rootKey(Row.of(voyage()));
        assertThat(key.text()).isEqualTo("NORTH:7");
        assertThat(key.values()).containsExactly("NORTH", 7L);
        Aggregate aggregate = translation.apply(read("Voyage", voyage()), key, null).next();
        aggregate = translation.apply(read("Leg", leg(1, 9)), key, aggregate).next();
        AggregateTranslation.Step step = translation.apply(read("Leg", leg(2, 4)), key, aggregate);
        DomainEvent event = ((TranslationResult.Emit<DomainEvent>) step.result()).events().getFirst();
        @SuppressWarnings("unchecked")
        List<FieldValues> legs = (List<FieldValues>) event.state().parts().get("legs");
        assertThat(legs).extracting(l -> l.get("legNo")).containsExactly(2L, 1L);
        assertThat(event.state().root().get("fare")).isEqualTo(new java.math.BigDecimal("120.50"));
        assertThat(event.changed()).containsExactly("legs");
    }
}
