package ficus.migration.reconcile;

import ficus.acl.customer.CustomerTranslation;
import ficus.migration.batch.BatchRepository;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * The reconciliation job: {@code reconcile-<component>} = one chunk-oriented step {@value #STEP} whose reader
 * merge-joins the two key-ordered sides ({@link MergeJoin}) and whose writer counts ({@link DriftDetector}). A
 * reconciliation is a fresh snapshot each time: the job does not restart, it runs again.
 */
final class ReconcileJob {

    static final String STEP = "reconcile";
    static final int CHUNK = 10_000;

    private ReconcileJob() {
    }

    static Job build(ReconcileSettings settings, BatchRepository batch, DriftDetector detector) {
        Step step = new StepBuilder(STEP, batch.jobRepository())
                .<MergeJoin.Pair, MergeJoin.Pair>chunk(CHUNK, batch.transactionManager())
                .reader(new PairReader(settings))
                .writer(chunk -> chunk.forEach(detector::add))
                .build();
        return new JobBuilder("reconcile-" + settings.model().component(), batch.jobRepository())
                .preventRestart()
                .start(step)
                .build();
    }

    /** Opens both sides' snapshots on open, pairs them by key, closes them on close. */
    static final class PairReader implements ItemStreamReader<MergeJoin.Pair> {
        private final ReconcileSettings settings;
        private Cursors.Cursor legacy;
        private Cursors.Cursor component;
        private MergeJoin join;

        PairReader(ReconcileSettings settings) {
            this.settings = settings;
        }

        @Override
        public void open(ExecutionContext context) {
            legacy = Cursors.legacy(settings.legacy(), new CustomerTranslation(settings.spec()), settings.model());
            component = Cursors.component(settings.component(), settings.model());
            join = new MergeJoin(legacy, component);
        }

        @Override
        public MergeJoin.Pair read() {
            return join.next();
        }

        @Override
        public void close() {
            if (legacy != null) {
                legacy.close();
            }
            if (component != null) {
                component.close();
            }
        }
    }
}
