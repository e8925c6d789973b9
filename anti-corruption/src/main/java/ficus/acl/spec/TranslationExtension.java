package ficus.acl.spec;

import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The Java SPI of a translation: what its YAML spec cannot say. Implementations are found with {@link ServiceLoader}
 * ({@code META-INF/services/ficus.acl.spec.TranslationExtension}) by the {@code extension:} name of the spec.
 */
public interface TranslationExtension {

    /** The name a spec refers to ({@code extension: fares}). */
    String name();

    /**
     * Converts the raw value of a {@code type: custom} field. Throw {@link ficus.acl.translation.UntranslatableException}
     * to reject the change.
     *
     * @param value the column's value as captured (text, number, boolean; never null)
     */
    default Object convert(String converter, String column, Object value) {
        throw new IllegalStateException("extension " + name() + " has no converter '" + converter + "'");
    }

    /** The converters {@link #convert} knows (checked when a spec is loaded). */
    default java.util.Set<String> converters() {
        return java.util.Set.of();
    }

    /**
     * A business rule over the projected fields of one row of {@code table}: a reason rejects the change (it goes to
     * the dead letter topic with kind REJECTED).
     */
    default Optional<String> check(String table, Map<String, Object> fields) {
        return Optional.empty();
    }

    /** A no-op extension for specs that name none. */
    TranslationExtension NONE = () -> "none";

    /** The extension named {@code name}, from the class path; {@link #NONE} for a null name. */
    static Optional<TranslationExtension> find(String name) {
        if (name == null) {
            return Optional.of(NONE);
        }
        java.util.Iterator<TranslationExtension> extensions = ServiceLoader.load(TranslationExtension.class,
                TranslationExtension.class.getClassLoader()).iterator();
        while (true) {
            TranslationExtension extension;
            try {
                if (!extensions.hasNext()) {
                    return Optional.empty();
                }
                extension = extensions.next();
            } catch (java.util.ServiceConfigurationError e) {
                // a jar on the class path names an extension it does not hold (or one that cannot be made)
                throw new ficus.core.FicusException.BadInput("a TranslationExtension on the class path is broken: "
                        + e.getMessage() + " (check the jar's META-INF/services/" + TranslationExtension.class
                        .getName() + ")", e);
            }
            if (extension.name().equals(name)) {
                return Optional.of(extension);
            }
        }
    }
}
