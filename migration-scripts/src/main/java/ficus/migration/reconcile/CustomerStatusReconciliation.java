package ficus.migration.reconcile;

import ficus.acl.customer.CustomerTranslation;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quick, in-process reconciliation of {@code customer-status} (no job repository): both sides streamed in key
 * order and merge-joined in one pass. {@link Reconciliation#run} is the Spring Batch job with the report file and
 * re-drive; both compare with the same {@link DriftDetector}.
 */
public final class CustomerStatusReconciliation {

    private static final Logger log = LoggerFactory.getLogger(CustomerStatusReconciliation.class);

    private final DataSource legacy;
    private final DataSource component;
    private final CustomerTranslation translation = new CustomerTranslation();

    public CustomerStatusReconciliation(DataSource legacy, DataSource component) {
        this.legacy = legacy;
        this.component = component;
    }

    public ReconciliationReport run() {
        ReadModel model = ReadModel.CUSTOMER_STATUS;
        try (Prefetch l = new Prefetch("legacy", Cursors.legacy(legacy, translation, model));
             Prefetch c = new Prefetch("component", Cursors.component(component, model))) {
            ReconciliationReport report = DriftDetector.compare(model.fieldNames(), l, c);
            log.info(report.summary());
            return report;
        }
    }
}
