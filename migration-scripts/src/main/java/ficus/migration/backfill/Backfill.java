package ficus.migration.backfill;

import ficus.core.FicusException;
import ficus.migration.batch.BatchRepository;
import ficus.migration.legacy.LegacyTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.step.StepExecution;

/**
 * {@code ficus backfill SPEC [--where ...]}: publishes the legacy history of any translation's aggregates
 * <em>through</em> the anti-corruption layer. Every aggregate's rows are read in a REPEATABLE READ snapshot and sent
 * to the layer's replay topic as Debezium read records positioned at that snapshot's LSN (phase 0), so the layer
 * translates them with the very code that translates the stream and stamps them below every streamed change: backfill
 * and live changes converge in any interleaving (DESIGN.md, "Ordering traps").
 *
 * <p>Restartable: a killed backfill resumes from each partition's last committed chunk when run again with the same
 * translation, source and {@code where}; after a completed run, running again starts a new run (which fills only
 * aggregates the stream has not touched since).
 */
public final class Backfill {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Backfill.class);

    private Backfill() {
    }

    public static BackfillResult run(BackfillSettings settings, ProgressListener listener) {
        settings.validated();
        requireCapture(settings);
        requireReplayTopic(settings);
        BatchRepository batch = BatchRepository.in(settings.batch());
        long run = 1;
        while (true) {
            JobParameters parameters = parameters(settings, run);
            JobInstance instance = batch.jobRepository().getJobInstance(settings.jobName(), parameters);
            if (instance == null) {
                return execute(settings, batch, parameters, run, null, listener);
            }
            JobExecution last = batch.jobRepository().getLastJobExecution(instance);
            if (last == null || last.getStatus() != BatchStatus.COMPLETED) {
                return execute(settings, batch, parameters, run, last, listener);
            }
            run++;
        }
    }

    static JobParameters parameters(BackfillSettings settings, long run) {
        return new JobParametersBuilder()
                .addString("translation", settings.spec().name())
                .addString("source", settings.source())
                .addString("where", settings.where() == null ? "" : settings.where())
                .addLong("run", run)
                .toJobParameters();
    }

    private static BackfillResult execute(BackfillSettings settings, BatchRepository batch, JobParameters parameters,
            long run, JobExecution previous, ProgressListener listener) {
        KeyRangePartitioner range = keyRanges(settings);
        BackfillProgress progress = new BackfillProgress(listener);
        long started = System.nanoTime();
        JobExecution execution;
        try {
            if (previous == null) {
                Job job = BackfillJob.build(settings, batch, range, run, progress);
                execution = batch.jobOperator().start(job, parameters);
            } else {
                if (previous.getStatus().isRunning()) {
                    // a STARTED execution no process runs any more (killed): mark it failed so it can restart
                    LOG.warn("backfill: execution {} was left {} (killed?); recovering it", previous.getId(),
                            previous.getStatus());
                    previous = batch.jobOperator().recover(previous);
                }
                Job job = BackfillJob.build(settings, batch, range, run, progress);
                LOG.info("backfill: resuming run {} (execution {}, {})", run, previous.getId(), previous.getStatus());
                execution = restart(batch, job, parameters, previous);
            }
        } catch (FicusException e) {
            throw e;
        } catch (Exception e) {
            throw new FicusException.OperationFailed("backfill " + settings.jobName() + " could not start: "
                    + e.getMessage(), e);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            throw new FicusException.OperationFailed("backfill " + settings.jobName() + " run " + run + " ended "
                    + execution.getStatus() + ": " + firstFailure(execution) + "; run it again to resume from the last"
                    + " committed chunk");
        }
        long aggregates = 0;
        long rows = progress.snapshot().rowsDone();
        for (StepExecution step : execution.getStepExecutions()) {
            if (step.getStepName().startsWith(BackfillJob.WORKER_STEP)) {
                aggregates += step.getWriteCount();
            }
        }
        BackfillResult result = new BackfillResult(execution.getId(), run, previous != null, aggregates, rows,
                elapsed);
        LOG.info(result.summary());
        return result;
    }

    private static JobExecution restart(BatchRepository batch, Job job, JobParameters parameters,
            JobExecution previous) throws Exception {
        // the operator restarts a job it finds by name; ours is built per run, so launch it again with the same
        // identifying parameters: Spring Batch continues the failed instance from its saved execution contexts
        return batch.jobOperator().start(job, parameters);
    }

    private static String firstFailure(JobExecution execution) {
        for (StepExecution step : execution.getStepExecutions()) {
            for (Throwable failure : step.getFailureExceptions()) {
                return step.getStepName() + ": " + failure.getMessage();
            }
        }
        List<Throwable> failures = execution.getAllFailureExceptions();
        return failures.isEmpty() ? execution.getExitStatus().getExitDescription() : failures.getFirst().getMessage();
    }

    /**
     * Ranges of the root key with about as many aggregates each, one per partition: boundaries from the key's own
     * order (any key type, composite or not), counted within the backfill's condition.
     */
    private static KeyRangePartitioner keyRanges(BackfillSettings settings) {
        LegacyPages pages = new LegacyPages(LegacyTable.of(settings.spec()), settings.where());
        try (Connection c = settings.legacy().getConnection()) {
            c.setReadOnly(true);
            long total = pages.count(c, null, null);
            return new KeyRangePartitioner(pages.boundaries(c, settings.partitions()), total == 0);
        } catch (SQLException e) {
            throw new FicusException.BadInput("backfill cannot read " + pages.root().quoted()
                    + (settings.where() == null ? "" : " with --where '" + settings.where() + "'") + ": "
                    + e.getMessage(), e);
        }
    }

    /** The capture must exist before the first read: a change committed between a read and the slot would be lost. */
    private static void requireCapture(BackfillSettings settings) {
        if (settings.slotName() == null) {
            return;
        }
        try (Connection c = settings.legacy().getConnection(); PreparedStatement st = c.prepareStatement(
                "select 1 from pg_replication_slots where slot_name = ? and database = current_database()")) {
            st.setString(1, settings.slotName());
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw new FicusException.BadInput("backfill: replication slot " + settings.slotName()
                            + " does not exist in " + settings.legacyDatabase() + "; deploy the capture (ficus"
                            + " connectors deploy) first, or changes made during the backfill would be lost");
                }
            }
        } catch (SQLException e) {
            throw new FicusException.Unavailable("backfill cannot reach the legacy database " + settings.legacyDatabase()
                    + ": " + e.getMessage(), e);
        }
    }

    private static void requireReplayTopic(BackfillSettings settings) {
        Map<String, Object> config = new java.util.HashMap<>(settings.kafka());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        try (Admin admin = Admin.create(config)) {
            if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(settings.replayTopic())) {
                throw new FicusException.BadInput("backfill: topic " + settings.replayTopic() + " does not exist;"
                        + " start the anti-corruption layer (ficus acl run) first: it creates and reads it");
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new FicusException.Unavailable("backfill cannot reach Kafka at " + settings.bootstrapServers() + ": "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FicusException.Unavailable("backfill interrupted while checking Kafka", e);
        }
    }
}
