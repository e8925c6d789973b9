package ficus.acl.translation;

import java.util.Optional;

/** What happened to a legacy row, in Debezium's one-letter vocabulary ({@code op}). */
public enum Operation {
    CREATE("c"),
    UPDATE("u"),
    DELETE("d"),
    /** A row read by a snapshot (initial or incremental), not a change the legacy application made. */
    READ("r");

    private static final Operation[] ALL = values(); // values() copies the array on every call
    private final String code;

    Operation(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** The operation for a Debezium {@code op} code, or empty for anything else (e.g. {@code t} truncate, {@code m} message). */
    public static Optional<Operation> forCode(String code) {
        for (Operation operation : ALL) {
            if (operation.code.equals(code)) {
                return Optional.of(operation);
            }
        }
        return Optional.empty();
    }
}
