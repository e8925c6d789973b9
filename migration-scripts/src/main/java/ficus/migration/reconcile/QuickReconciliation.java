package ficus.migration.reconcile;

import ficus.acl.aggregate.AggregateTranslation;
import ficus.acl.runtime.JsonSupport;
import ficus.acl.spec.TranslationSpec;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quick, in-process reconciliation of any spec against any declared read model (no job repository, no report
 * file): both sides streamed in key order and merge-joined in one pass. {@link Reconciliation#run} is the Spring Batch
 * job with the report file and re-drive; both compare with the same {@link DriftDetector}.
 */
public final class QuickReconciliation {

    private static final Logger log = LoggerFactory.getLogger(QuickReconciliation.class);

    private final DataSource legacy;
    private final DataSource component;
    private final TranslationSpec spec;
    private final ReadModel model;

    public QuickReconciliation(DataSource legacy, DataSource component, TranslationSpec spec, ReadModel model) {
        this.legacy = legacy;
        this.component = component;
        this.spec = spec;
        this.model = model;
    }

    /**
     * Checks a read model against a spec without reading anything: every field it names exists, its key has the
     * aggregate key's width, it reconciles this translation — else one {@code file:line: fields.x: ...} line.
     */
    public static void check(TranslationSpec spec, ReadModel model) {
        model.resolve(spec);
    }

    public ReconciliationReport run() {
        List<ReadModel.Compared> compared = model.resolve(spec);
        Cursors.checkColumns(component, model);
        KeyOrder order = new KeyOrder(spec.keyFields());
        AggregateTranslation translation = new AggregateTranslation(spec, JsonSupport.DOCUMENTS);
        try (Prefetch l = new Prefetch("legacy", Cursors.legacy(legacy, translation, compared, order));
             Prefetch c = new Prefetch("component", Cursors.component(component, model, compared, spec, order))) {
            ReconciliationReport report = DriftDetector.compare(model.paths(), order, l, c);
            log.info(report.summary());
            return report;
        }
    }
}
