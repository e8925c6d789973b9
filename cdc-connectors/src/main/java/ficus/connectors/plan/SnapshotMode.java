package ficus.connectors.plan;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** Debezium's {@code snapshot.mode} values a capture plan may choose (PostgreSQL connector). */
public enum SnapshotMode {
    /** Snapshot the tables once, when the connector has no stored offset, then stream. The default. */
    INITIAL("initial"),
    /** Snapshot, then stop: no streaming. */
    INITIAL_ONLY("initial_only"),
    /** Snapshot every time the connector starts, then stream. */
    ALWAYS("always"),
    /** Snapshot when there is no offset or the stored offset is no longer available in the slot. */
    WHEN_NEEDED("when_needed"),
    /** Never snapshot data (schema only); stream from the slot's position. */
    NO_DATA("no_data");

    private final String code;

    SnapshotMode(String code) {
        this.code = code;
    }

    /** The value Debezium expects in {@code snapshot.mode}. */
    public String code() {
        return code;
    }

    public static Optional<SnapshotMode> forCode(String code) {
        return Arrays.stream(values()).filter(m -> m.code.equalsIgnoreCase(code)).findFirst();
    }

    static String codes() {
        return Arrays.stream(values()).map(SnapshotMode::code).collect(Collectors.joining(", "));
    }
}
