package ficus.acl.spec;

/**
 * Reads the text of a {@code json} / {@code jsonb} column into a checked, canonical {@link FieldType.JsonText}. The
 * translation model stays free of a JSON library; the runtime hands it one ({@code ficus.acl.runtime.JsonSupport}).
 */
@FunctionalInterface
public interface JsonDocuments {

    /**
     * @throws IllegalArgumentException with a short reason when {@code text} is not one JSON document
     */
    FieldType.JsonText read(String text);
}
