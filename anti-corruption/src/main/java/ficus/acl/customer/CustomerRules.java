package ficus.acl.customer;

import ficus.acl.spec.TranslationExtension;
import ficus.acl.translation.RejectionKind;
import ficus.acl.translation.UntranslatableException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The customer translation's SPI extension ({@code extension: customer}): what its YAML spec cannot say.
 *
 * <ul>
 *   <li>converter {@code country-code}: {@code ctry char(2)} to an upper-case ISO 3166 alpha-2 code, rejecting anything
 *       that is not two letters;</li>
 *   <li>rule: a customer's name must not be blank (the legacy column is {@code not null}, not "not empty").</li>
 * </ul>
 */
public final class CustomerRules implements TranslationExtension {

    public static final String NAME = "customer";
    private static final Pattern COUNTRY = Pattern.compile("[A-Za-z]{2}");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> converters() {
        return Set.of("country-code");
    }

    @Override
    public Object convert(String converter, String column, Object value) {
        if (!"country-code".equals(converter)) {
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
