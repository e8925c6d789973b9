package ficus.migration.reconcile;

import ficus.acl.spec.TranslationSpec;
import ficus.migration.backfill.BackfillSettings;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * One reconciliation: {@code ficus reconcile SPEC --read-model FILE [--report file] [--redrive]}.
 *
 * @param legacy         the legacy database (read in one REPEATABLE READ snapshot)
 * @param component      the component's database
 * @param batch          where the job repository lives (schema {@code ficus_batch}); null = the component's database
 * @param model          the component's read model
 * @param spec           the translation the legacy side is projected with
 * @param reportFile     where the JSON report goes; null for none
 * @param redrive        when non-null, drifting keys are re-driven through the layer with these settings and the
 *                       reconciliation repeated until drift is 0 or {@code redriveTimeout} passes
 * @param redriveTimeout how long to wait for the re-driven keys to converge
 */
public record ReconcileSettings(DataSource legacy, DataSource component, DataSource batch, ReadModel model,
                                TranslationSpec spec, Path reportFile, BackfillSettings redrive,
                                Duration redriveTimeout) {

    public static final Duration DEFAULT_REDRIVE_TIMEOUT = Duration.ofMinutes(2);

    public ReconcileSettings {
        redriveTimeout = redriveTimeout == null ? DEFAULT_REDRIVE_TIMEOUT : redriveTimeout;
    }

    /** The legacy projection of {@code spec} against the component's {@code model}. */
    public static ReconcileSettings of(DataSource legacy, DataSource component, TranslationSpec spec,
            ReadModel model) {
        return new ReconcileSettings(legacy, component, null, model, spec, null, null, null);
    }

    public ReconcileSettings withBatch(DataSource value) {
        return new ReconcileSettings(legacy, component, value, model, spec, reportFile, redrive, redriveTimeout);
    }

    public ReconcileSettings withSpec(TranslationSpec value) {
        return new ReconcileSettings(legacy, component, batch, model, value, reportFile, redrive, redriveTimeout);
    }

    public ReconcileSettings withReportFile(Path value) {
        return new ReconcileSettings(legacy, component, batch, model, spec, value, redrive, redriveTimeout);
    }

    /** {@code --redrive}: how to reach the layer (the backfill's settings), and how long to wait for convergence. */
    public ReconcileSettings withRedrive(BackfillSettings value, Duration timeout) {
        return new ReconcileSettings(legacy, component, batch, model, spec, reportFile, value, timeout);
    }

    DataSource repository() {
        return batch != null ? batch : component;
    }
}
