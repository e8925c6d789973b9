package ficus.migration.backfill;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;

/**
 * Runs each partition of the partitioned step on its own thread with its <em>own</em> worker step (a fresh reader and
 * writer per key range — no step scope, no shared mutable reader), then hands the executions back to the manager step.
 */
final class PartitionWorkers implements PartitionHandler {

    private final int gridSize;
    private final Function<StepExecution, Step> workerFor;

    PartitionWorkers(int gridSize, Function<StepExecution, Step> workerFor) {
        this.gridSize = gridSize;
        this.workerFor = workerFor;
    }

    @Override
    public Collection<StepExecution> handle(StepExecutionSplitter splitter, StepExecution manager) throws Exception {
        Set<StepExecution> partitions = splitter.split(manager, gridSize);
        if (partitions.isEmpty()) {
            return partitions;
        }
        ExecutorService threads = Executors.newFixedThreadPool(partitions.size(),
                Thread.ofPlatform().name("backfill-", 0).factory());
        try {
            List<Future<StepExecution>> running = new ArrayList<>();
            for (StepExecution partition : partitions) {
                running.add(threads.submit(() -> {
                    workerFor.apply(partition).execute(partition);
                    return partition;
                }));
            }
            List<StepExecution> done = new ArrayList<>();
            for (Future<StepExecution> future : running) {
                done.add(future.get());
            }
            return done;
        } finally {
            threads.shutdownNow();
        }
    }
}
