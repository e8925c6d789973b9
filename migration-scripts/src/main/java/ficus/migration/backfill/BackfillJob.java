package ficus.migration.backfill;

import ficus.migration.batch.BatchRepository;
import ficus.migration.legacy.LegacyTable;
import java.time.Clock;
import java.util.List;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.partition.support.SimpleStepExecutionSplitter;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;

/**
 * The backfill job, built with Spring Batch's builders: {@code backfill-<translation>} = one partitioned step
 * {@value #MANAGER_STEP} whose partitions (key ranges of the root table) each run a chunk-oriented
 * {@value #WORKER_STEP}: {@link LegacyAggregateReader} → {@link ReplayTopicWriter}. The job repository's chunk
 * transaction stores each partition's last key: the restart point.
 */
final class BackfillJob {

    static final String MANAGER_STEP = "backfill";
    static final String WORKER_STEP = "backfill-worker";

    private BackfillJob() {
    }

    static Job build(BackfillSettings settings, BatchRepository batch, KeyRangePartitioner partitioner,
            long jobInstanceKey, BackfillProgress progress) {
        List<LegacyTable> tables = LegacyTable.of(settings.spec());
        Throttle throttle = new Throttle(settings.maxRowsPerSecond());
        ReadRecords records = new ReadRecords(settings.source(), settings.legacyDatabase());
        SimpleStepExecutionSplitter splitter = new SimpleStepExecutionSplitter(batch.jobRepository(), WORKER_STEP,
                partitioner);
        PartitionWorkers workers = new PartitionWorkers(settings.partitions(), partition -> worker(settings, batch,
                tables, throttle, records, progress, partition, jobInstanceKey));
        Step manager = new StepBuilder(MANAGER_STEP, batch.jobRepository())
                .partitioner(WORKER_STEP, partitioner)
                .splitter(splitter)
                .partitionHandler(workers)
                .gridSize(settings.partitions())
                .build();
        return new JobBuilder(settings.jobName(), batch.jobRepository()).start(manager).build();
    }

    private static Step worker(BackfillSettings settings, BatchRepository batch, List<LegacyTable> tables,
            Throttle throttle, ReadRecords records, BackfillProgress progress, StepExecution partition,
            long jobInstanceKey) {
        LegacyAggregateReader reader = new LegacyAggregateReader(settings.legacy(),
                new LegacyPages(tables, settings.where()), settings.chunkSize(), throttle, progress);
        String transactionalId = "ficus-" + settings.jobName() + "-" + settings.source() + "-" + jobInstanceKey + "-"
                + partition.getStepName().replace(':', '-');
        ReplayTopicWriter writer = new ReplayTopicWriter(settings.bootstrapServers(), settings.kafka(),
                transactionalId, settings.replayTopic(), records, tables, progress, Clock.systemUTC());
        return new StepBuilder(WORKER_STEP, batch.jobRepository())
                .<LegacyAggregate, LegacyAggregate>chunk(settings.chunkSize(), batch.transactionManager())
                .reader(reader)
                .writer(writer)
                .build();
    }
}
