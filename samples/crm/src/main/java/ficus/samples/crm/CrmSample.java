package ficus.samples.crm;

import ficus.acl.spec.TranslationSpec;
import ficus.acl.spec.yaml.TranslationSpecLoader;

/**
 * Where the CRM sample's files are on the class path (this jar): its translation specs, each with its golden cases in
 * {@code <spec>.cases/} beside it. The sample's schema, seed and workload are still the sandbox's
 * ({@code ficus.sandbox.crm}); its capture plan is {@code CapturePlanLoader.legacyCrm()}.
 */
public final class CrmSample {

    /** The customer translation: crm.cust + crm.cust_addr + crm.lead → crm.customer.v1. */
    public static final String CUSTOMER_SPEC = "classpath:ficus/samples/crm/translations/customer.yaml";
    /** The capture's source name (Debezium's topic prefix) the sample's plan uses. */
    public static final String CAPTURE_SOURCE = "legacy";

    private CrmSample() {
    }

    /** The customer translation, loaded. */
    public static TranslationSpec customerSpec() {
        return TranslationSpecLoader.load(CUSTOMER_SPEC);
    }
}
