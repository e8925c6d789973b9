package ficus.migration.reconcile;

import ficus.acl.aggregate.AggregateKey;
import ficus.core.FicusException;
import ficus.migration.backfill.Redrive;
import ficus.migration.batch.BatchRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * {@code ficus reconcile SPEC --read-model FILE [--report file] [--redrive]}: the legacy projection of each aggregate
 * (through the same translation as the stream: the spec given) against the component's declared read model, field by
 * field, both streamed in key order. Exit semantics: {@link ReconciliationReport#success()} (drift 0) only is success.
 *
 * <p>With re-drive, the keys that differ (missing or different; an extra one has no legacy rows to send) are
 * published through the layer ({@link Redrive}) and the reconciliation repeats until drift is 0 or the timeout
 * passes; the last report is returned (and written).
 */
public final class Reconciliation {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Reconciliation.class);

    private Reconciliation() {
    }

    public static ReconciliationReport run(ReconcileSettings settings) {
        settings.model().resolve(settings.spec()); // a field the spec does not have: one line, before anything runs
        Cursors.checkColumns(settings.component(), settings.model());
        BatchRepository batch = BatchRepository.in(settings.repository());
        ReconciliationReport report = once(settings, batch);
        if (settings.redrive() != null && report.drift() > 0) {
            // missing and different keys have legacy rows to send; an extra one is simply not found there
            List<List<String>> keys = new ArrayList<>();
            for (AggregateKey key : report.driftKeys()) {
                keys.add(key.values().stream().map(AggregateKey::valueText).toList());
            }
            long published = Redrive.publish(settings.redrive(), keys);
            LOG.info("reconcile: re-drove {} of {} drifting keys through {}", published, keys.size(),
                    settings.redrive().replayTopic());
            long deadline = System.nanoTime() + settings.redriveTimeout().toNanos();
            do {
                pause();
                report = once(settings, batch);
            } while (report.drift() > 0 && System.nanoTime() < deadline);
        }
        if (settings.reportFile() != null) {
            report.writeJson(settings.reportFile());
        }
        LOG.info(report.summary());
        return report;
    }

    private static ReconciliationReport once(ReconcileSettings settings, BatchRepository batch) {
        DriftDetector detector = new DriftDetector(settings.model().paths());
        JobExecution execution;
        try {
            execution = batch.jobOperator().start(ReconcileJob.build(settings, batch, detector),
                    new JobParametersBuilder().addString("readModel", settings.model().name())
                            .addString("translation", settings.spec().name())
                            .addString("at", Instant.now().toString() + "/" + System.nanoTime()).toJobParameters());
        } catch (Exception e) {
            throw new FicusException.OperationFailed("reconcile could not start: " + e.getMessage(), e);
        }
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            Throwable first = execution.getAllFailureExceptions().isEmpty() ? null
                    : execution.getAllFailureExceptions().getFirst();
            if (first instanceof FicusException f) {
                throw f;
            }
            throw new FicusException.OperationFailed("reconcile ended " + execution.getStatus() + ": "
                    + (first == null ? execution.getExitStatus().getExitDescription() : first.getMessage()), first);
        }
        return detector.report();
    }

    private static void pause() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FicusException.Unavailable("reconcile interrupted while waiting for re-driven keys", e);
        }
    }
}
