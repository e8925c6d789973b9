package ficus.samples.crm;

import ficus.acl.spec.TranslationExtension;
import ficus.acl.translation.RejectionKind;
import ficus.acl.translation.UntranslatableException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The CRM's own rules ({@code extension: customer} in its customer spec): what the YAML cannot say, in the CRM team's
 * jar on the layer's class path — found by {@link java.util.ServiceLoader} through
 * {@code META-INF/services/ficus.acl.spec.TranslationExtension}, not built into the engine.
 *
 * <ul>
 *   <li>converter {@code country-code}: {@code ctry char(2)} to an upper-case ISO 3166 alpha-2 code, rejecting anything
 *       that is not two letters;</li>
 *   <li>rule: a customer's name must not be blank (the legacy column is {@code not null}, not "not empty").</li>
 * </ul>
 */
public final class CustomerRules implements TranslationExtension {

    /** The name the spec refers to. */
    public static final String NAME = "customer";
    public static final String COUNTRY_CODE = "country-code";
    private static final Pattern COUNTRY = Pattern.compile("[A-Za-z]{2}");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> converters() {
        return Set.of(COUNTRY_CODE);
    }

    @Override
    public Object convert(String converter, String column, Object value) {
        if (!COUNTRY_CODE.equals(converter)) {
            return TranslationExtension.super.convert(converter, column, value);
        }
        String text = value.toString().strip();
        if (!(value instanceof String) || !COUNTRY.matcher(text).matches()) {
            throw new UntranslatableException(RejectionKind.REJECTED, column, "column " + column + " holds '" + value
                    + "', not a two-letter country code");
        }
        return text.toUpperCase(Locale.ROOT);
    }

    @Override
    public Optional<String> check(String table, Map<String, Object> fields) {
        if ("crm.cust".equals(table) && fields.get("name") instanceof String name && name.isBlank()) {
            return Optional.of("customer name is blank (column cst_nm)");
        }
        return Optional.empty();
    }
}
