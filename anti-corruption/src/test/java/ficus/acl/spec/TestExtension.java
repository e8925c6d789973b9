package ficus.acl.spec;

import ficus.acl.translation.RejectionKind;
import ficus.acl.translation.UntranslatableException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link TranslationExtension} for the engine's own tests ({@code extension: test}), registered in the test class
 * path's {@code META-INF/services}: converter {@code upper} upper-cases text; rule: a {@code title} of {@code "-"} is
 * rejected.
 */
public final class TestExtension implements TranslationExtension {

    public static final String NAME = "test";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> converters() {
        return Set.of("upper");
    }

    @Override
    public Object convert(String converter, String column, Object value) {
        if (!"upper".equals(converter)) {
            return TranslationExtension.super.convert(converter, column, value);
        }
        if (!(value instanceof String text)) {
            throw new UntranslatableException(RejectionKind.REJECTED, column, "column " + column + " is not text");
        }
        return text.toUpperCase(Locale.ROOT);
    }

    @Override
    public Optional<String> check(String table, Map<String, Object> fields) {
        return "-".equals(fields.get("title")) ? Optional.of("title is a dash") : Optional.empty();
    }
}
