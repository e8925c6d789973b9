package ficus.cli.demo;

import ficus.migration.reconcile.ReconciliationReport;

/**
 * What one demo run did, as printed on its last line.
 *
 * @param snapshotCatchUpMs from the connector RUNNING to the initial snapshot applied by the component; -1 when the
 *                          demo ended before that
 */
public record DemoSummary(long captured, long translated, long applied, long deadLetters, long freshnessP50Ms,
                          long freshnessP99Ms, long snapshotCatchUpMs, ReconciliationReport reconciliation) {

    public long drift() {
        return reconciliation.drift();
    }

    public String line() {
        return "demo: captured=" + captured + " translated=" + translated + " applied=" + applied
                + " dead_letters=" + deadLetters + " drift=" + drift() + " freshness_p50_ms=" + freshnessP50Ms
                + " freshness_p99_ms=" + freshnessP99Ms + " snapshot_catchup_ms=" + snapshotCatchUpMs;
    }
}
