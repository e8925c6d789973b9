package ficus.migration.reconcile;

import ficus.acl.spec.yaml.TranslationSpecLoader;
import java.util.List;
import javax.sql.DataSource;

/**
 * The bundled translation spec against the read model {@code customer_status(customer_id, status, removed)}, for
 * {@code ficus demo} only, which still calls it by this name. Reconcile your own spec with {@link QuickReconciliation}
 * or {@link Reconciliation} and a read-model file ({@link ReadModelLoader}).
 *
 * @deprecated kept until {@code ficus demo} reconciles with the sample's read-model file; to be removed then
 */
@Deprecated(forRemoval = true)
public final class CustomerStatusReconciliation {

    private final QuickReconciliation quick;

    public CustomerStatusReconciliation(DataSource legacy, DataSource component) {
        ReadModel model = ReadModel.ofTable("customer-status", "customer_status", List.of("customer_id"),
                "not removed", List.of(new ReadModel.Field("status", "status", null, 0)));
        this.quick = new QuickReconciliation(legacy, component, TranslationSpecLoader.customer(), model);
    }

    public ReconciliationReport run() {
        return quick.run();
    }
}
