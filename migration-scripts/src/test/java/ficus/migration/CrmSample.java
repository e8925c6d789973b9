package ficus.migration;

import ficus.acl.spec.TranslationSpec;
import ficus.acl.spec.yaml.TranslationSpecLoader;

/** The CRM sample's customer spec (from {@code ficus-sample-crm}, with its extension), used as a team's own would be. */
public final class CrmSample {

    public static final String SPEC = "classpath:ficus/samples/crm/translations/customer.yaml";

    private CrmSample() {
    }

    public static TranslationSpec spec() {
        return TranslationSpecLoader.load(SPEC);
    }
}
