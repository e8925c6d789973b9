package ficus.migration.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ficus.acl.aggregate.AggregateKey;
import ficus.acl.spec.FieldSpec;
import ficus.acl.spec.FieldType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class DriftDetectorTest {

    private static final List<String> STATUS = List.of("status");
    private static final KeyOrder ORDER = new KeyOrder(List.of(FieldSpec.of("id", "id", FieldType.LONG, true)));

    private static AggregateKey k(long id) {
        return AggregateKey.of(id);
    }

    private static Keyed status(long id, String status) {
        return new Keyed(k(id), status == null ? null : Map.of("status", status));
    }

    private static Keyed fields(long id, String status, String name) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("status", status);
        fields.put("name", name);
        return new Keyed(k(id), fields);
    }

    @Test
    void shouldReportNoDriftWhenBothSidesAgree() {
        var report = DriftDetector.compare(STATUS, ORDER,
                List.of(status(1, "ACTIVE"), status(2, "CLOSED")).iterator(),
                List.of(status(1, "ACTIVE"), status(2, "CLOSED")).iterator());

        assertThat(report.drift()).isZero();
        assertThat(report.success()).isTrue();
        assertThat(report.matching()).isEqualTo(2);
        assertThat(report.samples()).isEmpty();
    }

    @Test
    void shouldNameEachMissingExtraAndDifferentKey() {
        var report = DriftDetector.compare(STATUS, ORDER,
                List.of(status(1, "ACTIVE"), status(2, "PROSPECT"), status(4, "SUSPENDED")).iterator(),
                List.of(status(1, "ACTIVE"), status(3, "ACTIVE"), status(4, "CLOSED")).iterator());

        assertThat(report.missing()).isEqualTo(1);
        assertThat(report.extra()).isEqualTo(1);
        assertThat(report.different()).isEqualTo(1);
        assertThat(report.drift()).isEqualTo(3);
        assertThat(report.success()).isFalse();
        assertThat(report.samples()).containsExactly(
                new KeyDrift(k(2), KeyDrift.Kind.MISSING, "PROSPECT", null, STATUS),
                new KeyDrift(k(3), KeyDrift.Kind.EXTRA, null, "ACTIVE", STATUS),
                new KeyDrift(k(4), KeyDrift.Kind.DIFFERENT, "SUSPENDED", "CLOSED", STATUS));
        assertThat(report.driftKeys()).extracting(AggregateKey::text).containsExactly("2", "3", "4");
    }

    @Test
    void shouldCompareFieldByFieldAndCountEachDifferingField() {
        List<String> both = List.of("status", "name");
        var report = DriftDetector.compare(both, ORDER,
                List.of(fields(1, "ACTIVE", "Ada"), fields(2, "ACTIVE", "Grace"), fields(3, "ACTIVE", "Alan"))
                        .iterator(),
                List.of(fields(1, "ACTIVE", "Ada"), fields(2, "CLOSED", "Grace"), fields(3, "CLOSED", "Turing"))
                        .iterator());

        assertThat(report.different()).isEqualTo(2);
        assertThat(report.differentByField()).containsEntry("status", 2L).containsEntry("name", 1L);
        assertThat(report.samples().getLast().fields()).containsExactly("status", "name");
        assertThat(report.samples().getLast().legacy()).isEqualTo("status=ACTIVE, name=Alan");
    }

    @Test
    void shouldCountUntranslatableLegacyRowsApartFromDrift() {
        var report = DriftDetector.compare(STATUS, ORDER,
                List.of(status(1, null), status(2, "ACTIVE")).iterator(),
                List.of(status(2, "ACTIVE")).iterator());

        assertThat(report.untranslatable()).isEqualTo(1);
        assertThat(report.drift()).isZero();
    }

    @Test
    void shouldKeepOnlyTheFirstSamplesButCountAndKeepEveryKey() {
        var legacy = LongStream.rangeClosed(1, 100).mapToObj(id -> status(id, "ACTIVE")).toList();
        var report = DriftDetector.compare(STATUS, ORDER, legacy.iterator(), List.<Keyed>of().iterator());

        assertThat(report.missing()).isEqualTo(100);
        assertThat(report.samples()).hasSize(ReconciliationReport.SAMPLE_LIMIT);
        assertThat(report.driftKeys()).hasSize(100);
    }

    @Test
    void shouldRefuseInputThatIsNotInKeyOrder() {
        assertThatThrownBy(() -> DriftDetector.compare(STATUS, ORDER,
                List.of(status(2, "ACTIVE"), status(1, "ACTIVE")).iterator(), List.<Keyed>of().iterator()))
                .hasMessageContaining("ascending");
    }

    @Test
    void shouldWriteAMachineReadableReportWithCountsAndSamples() throws Exception {
        var report = DriftDetector.compare(STATUS, ORDER, List.of(status(1, "ACTIVE"), status(2, "ACTIVE")).iterator(),
                List.of(status(2, "CLOSED")).iterator());

        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(report.toJson());

        assertThat(json.path("success").asBoolean()).isFalse();
        assertThat(json.path("drift").asLong()).isEqualTo(2);
        assertThat(json.path("missing").asLong()).isEqualTo(1);
        assertThat(json.path("differentByField").path("status").asLong()).isEqualTo(1);
        assertThat(json.path("samples").get(1).path("key").asLong()).isEqualTo(2);
        assertThat(json.path("samples").get(1).path("kind").asText()).isEqualTo("different");
        assertThat(json.has("driftKeys")).isFalse();
    }
}
