package ficus.acl.spec;

import java.util.Optional;

/** The type a legacy column is converted to. */
public enum FieldType {
    /** Text; the column must hold text (a number there means the column was retyped). */
    STRING("string"),
    /** A whole number; the column must hold an integral number. */
    LONG("long"),
    /** A point in time: Debezium's epoch microseconds, or a JDBC timestamp read as UTC. */
    INSTANT("instant"),
    /** True or false; the column holds a boolean, or a code mapped to {@code true} / {@code false}. */
    BOOLEAN("boolean"),
    /** The name of an enum constant, from a code map (inline or a captured code table). */
    ENUM("enum"),
    /** Converted by the translation's {@link TranslationExtension} ({@code converter:} names the conversion). */
    CUSTOM("custom");

    private final String code;

    FieldType(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<FieldType> forCode(String code) {
        for (FieldType type : values()) {
            if (type.code.equals(code)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
