package ficus.contracts.wire;

import ficus.acl.spec.TranslationExtension;
import java.util.Locale;
import java.util.Set;

/** The extension of the test spec {@code subscription.yaml}: converter {@code region} upper-cases a region code. */
public final class BillingTestExtension implements TranslationExtension {

    @Override
    public String name() {
        return "billing-test";
    }

    @Override
    public Set<String> converters() {
        return Set.of("region");
    }

    @Override
    public Object convert(String converter, String column, Object value) {
        if (!"region".equals(converter)) {
            return TranslationExtension.super.convert(converter, column, value);
        }
        return value.toString().toUpperCase(Locale.ROOT);
    }
}
