package ficus.acl.translation;

/**
 * A legacy row (or change) that cannot be translated: a mapped column is missing, holds a value of the wrong type or a
 * code the translation does not know. {@code translate} methods turn it into a {@link TranslationResult.Reject}; it only
 * escapes from direct projections (e.g. {@code AggregateTranslation.project}), where the caller (backfill,
 * reconciliation) decides what to do with the row.
 */
public final class UntranslatableException extends RuntimeException {

    private final String column;
    private final RejectionKind kind;

    public UntranslatableException(String column, String message) {
        this(RejectionKind.REJECTED, column, message);
    }

    public UntranslatableException(RejectionKind kind, String column, String message) {
        super(message);
        this.column = column;
        this.kind = kind;
    }

    /** The category of the problem (for dead-letter statistics). */
    public RejectionKind kind() {
        return kind;
    }

    /** The column at fault, or {@code null} when the problem is not about one column. */
    public String column() {
        return column;
    }
}
