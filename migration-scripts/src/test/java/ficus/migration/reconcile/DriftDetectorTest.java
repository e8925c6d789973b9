package ficus.migration.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ficus.migration.reconcile.DriftDetector.Keyed;

import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

class DriftDetectorTest {

    @Test
    void shouldReportNoDriftWhenBothSidesAgree() {
        var report = DriftDetector.compare(
                List.of(new Keyed(1, "ACTIVE"), new Keyed(2, "CLOSED")).iterator(),
                List.of(new Keyed(1, "ACTIVE"), new Keyed(2, "CLOSED")).iterator());

        assertThat(report.drift()).isZero();
        assertThat(report.matching()).isEqualTo(2);
        assertThat(report.samples()).isEmpty();
    }

    @Test
    void shouldNameEachMissingExtraAndDifferentKey() {
        var report = DriftDetector.compare(
                List.of(new Keyed(1, "ACTIVE"), new Keyed(2, "PROSPECT"), new Keyed(4, "SUSPENDED")).iterator(),
                List.of(new Keyed(1, "ACTIVE"), new Keyed(3, "ACTIVE"), new Keyed(4, "CLOSED")).iterator());

        assertThat(report.missing()).isEqualTo(1);
        assertThat(report.extra()).isEqualTo(1);
        assertThat(report.different()).isEqualTo(1);
        assertThat(report.drift()).isEqualTo(3);
        assertThat(report.samples()).containsExactly(
                new KeyDrift(2, KeyDrift.Kind.MISSING, "PROSPECT", null),
                new KeyDrift(3, KeyDrift.Kind.EXTRA, null, "ACTIVE"),
                new KeyDrift(4, KeyDrift.Kind.DIFFERENT, "SUSPENDED", "CLOSED"));
    }

    @Test
    void shouldCountUntranslatableLegacyRowsApartFromDrift() {
        var report = DriftDetector.compare(
                List.of(new Keyed(1, null), new Keyed(2, "ACTIVE")).iterator(),
                List.of(new Keyed(2, "ACTIVE")).iterator());

        assertThat(report.untranslatable()).isEqualTo(1);
        assertThat(report.drift()).isZero();
    }

    @Test
    void shouldKeepOnlyTheFirstSamplesButCountEverything() {
        var legacy = LongStream.rangeClosed(1, 100).mapToObj(id -> new Keyed(id, "ACTIVE")).toList();
        var report = DriftDetector.compare(legacy.iterator(), List.<Keyed>of().iterator());

        assertThat(report.missing()).isEqualTo(100);
        assertThat(report.samples()).hasSize(ReconciliationReport.SAMPLE_LIMIT);
    }

    @Test
    void shouldRefuseInputThatIsNotInKeyOrder() {
        assertThatThrownBy(() -> DriftDetector.compare(
                List.of(new Keyed(2, "ACTIVE"), new Keyed(1, "ACTIVE")).iterator(), List.<Keyed>of().iterator()))
                .hasMessageContaining("ascending");
    }
}
