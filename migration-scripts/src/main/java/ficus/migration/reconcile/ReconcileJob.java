package ficus.migration.reconcile;

import ficus.acl.aggregate.AggregateTranslation;
import ficus.acl.runtime.JsonSupport;
import ficus.migration.batch.BatchRepository;
import java.util.List;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStream;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The reconciliation job: {@code reconcile-<read model>} = one step {@value #STEP} that merge-joins the two key-ordered
 * sides ({@link MergeJoin}, each side read ahead on its own thread by {@link Prefetch}) and counts
 * ({@link DriftDetector}). The step is a tasklet that compares up to {@value #COMMIT_INTERVAL} pairs per call, each
 * call one transaction of the job repository (its read and write counts: the pairs compared) — the per-item machinery of
 * a chunk-oriented step (listeners, per-item timers, chunk lists) cost more than the comparison itself. A
 * reconciliation is a fresh snapshot each time: the job does not restart, it runs again.
 */
final class ReconcileJob {

    static final String STEP = "reconcile";
    static final int COMMIT_INTERVAL = 100_000;

    private ReconcileJob() {
    }

    static Job build(ReconcileSettings settings, BatchRepository batch, DriftDetector detector) {
        PairReader pairs = new PairReader(settings);
        Step step = new StepBuilder(STEP, batch.jobRepository())
                .tasklet(new Compare(pairs, detector), batch.transactionManager())
                .stream(pairs)
                .build();
        return new JobBuilder("reconcile-" + settings.model().name(), batch.jobRepository())
                .preventRestart()
                .start(step)
                .build();
    }

    /** Up to {@value #COMMIT_INTERVAL} pairs into the detector per call; finished when both sides are. */
    record Compare(PairReader pairs, DriftDetector detector) implements Tasklet {
        @Override
        public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
            int n = 0;
            MergeJoin.Pair pair = null;
            while (n < COMMIT_INTERVAL && (pair = pairs.read()) != null) {
                detector.add(pair);
                n++;
                contribution.incrementReadCount();
            }
            contribution.incrementWriteCount(n);
            return pair == null ? RepeatStatus.FINISHED : RepeatStatus.CONTINUABLE;
        }
    }

    /** Opens both sides' snapshots on open, reads each ahead and pairs them by key, closes them on close. */
    static final class PairReader implements ItemStream {
        private final ReconcileSettings settings;
        private Prefetch legacy;
        private Prefetch component;
        private MergeJoin join;

        PairReader(ReconcileSettings settings) {
            this.settings = settings;
        }

        @Override
        public void open(ExecutionContext context) {
            List<ReadModel.Compared> compared = settings.model().resolve(settings.spec());
            KeyOrder order = new KeyOrder(settings.spec().keyFields());
            Cursors.Side l = Cursors.legacy(settings.legacy(),
                    new AggregateTranslation(settings.spec(), JsonSupport.DOCUMENTS), compared, order);
            Cursors.Side c;
            try {
                c = Cursors.component(settings.component(), settings.model(), compared, settings.spec(), order);
            } catch (RuntimeException e) {
                l.close();
                throw e;
            }
            legacy = new Prefetch("legacy", l);
            component = new Prefetch("component", c);
            join = new MergeJoin(order, legacy, component);
        }

        MergeJoin.Pair read() {
            return join.next();
        }

        @Override
        public void close() {
            if (legacy != null) {
                legacy.close();
                legacy = null;
            }
            if (component != null) {
                component.close();
                component = null;
            }
        }
    }
}
