package ficus.acl.translation;

/**
 * Why a record went to the dead letter topic, as a category (header {@code ficus_dlq_reason_kind}); the reason text
 * says exactly what and where. {@code DeadLetters.list} counts per kind.
 */
public enum RejectionKind {
    /** Not a change event the layer can read (not JSON, no op, no source...). */
    MALFORMED,
    /** The aggregate key cannot be found: key column missing or null, or a part whose owner is unknown. */
    MISSING_KEY,
    /** A code column holds a value the spec (inline map or captured code table) does not know. */
    UNKNOWN_CODE,
    /** The legacy schema drifted: a mapped column is missing (dropped, renamed) or holds another type. */
    SCHEMA_DRIFT,
    /** A business rule of the translation (its SPI extension) rejected the change, or any other reason. */
    REJECTED;

    public static RejectionKind forName(String name) {
        for (RejectionKind kind : values()) {
            if (kind.name().equals(name)) {
                return kind;
            }
        }
        return REJECTED;
    }
}
