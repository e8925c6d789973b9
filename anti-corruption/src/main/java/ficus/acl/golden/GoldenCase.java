package ficus.acl.golden;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * One golden case of a translation, as a migration lead writes it beside the spec ({@code <spec>.cases/*.yaml}):
 * the changes given to the layer, in the order they reach it, and what must come out.
 *
 * @param file        where it was read from, for messages
 * @param name        what it shows, one line
 * @param given       the changes, in arrival order
 * @param events      the events expected on the domain topic, in order
 * @param deadLetters the dead letters expected, in order
 * @param reorder     whether the case is also replayed with its tables' changes interleaved in other orders (each
 *                    table's own changes keep their order, as Debezium keeps a row's order); default {@code true}
 */
public record GoldenCase(String file, String name, List<Given> given, List<ExpectedEvent> events,
        List<ExpectedDeadLetter> deadLetters, boolean reorder) {

    public GoldenCase {
        Objects.requireNonNull(name, "name");
        given = List.copyOf(given);
        events = List.copyOf(events);
        deadLetters = List.copyOf(deadLetters);
    }

    /** How many tables the given changes come from (a case of one table has one arrival order). */
    public long tables() {
        return given.stream().map(Given::table).distinct().count();
    }

    @Override
    public String toString() {
        return java.nio.file.Path.of(file).getFileName() + ": " + name;
    }

    /**
     * One change: a raw Debezium record (its key and value as JsonConverter writes them) on its raw topic.
     *
     * @param topic {@code <source>.<schema>.<table>}, as Debezium names it
     * @param table {@code schema.table} with the exact names
     * @param index its place in the case's {@code given} list
     */
    public record Given(String topic, String table, byte[] key, byte[] value, int index) {
    }

    /**
     * An event that must be published.
     *
     * @param type    the event type ({@code OrderPlaced})
     * @param key     the aggregate key's text ({@code 2:4711}); {@code null}: any
     * @param state   fields the state must hold (a subset, compared as JSON); {@code null}: not checked; a JSON
     *                null: the state must be null (removed)
     * @param changed the fields that must be listed as changed, exactly; {@code null}: not checked
     * @param values  other top-level value fields that must match ({@code previousStatus}); may be empty
     */
    public record ExpectedEvent(String type, String key, JsonNode state, List<String> changed, JsonNode values) {
    }

    /**
     * A dead letter that must be written.
     *
     * @param kind   the {@code ficus_dlq_reason_kind} ({@code SCHEMA_DRIFT}); {@code null}: any
     * @param reason text the reason must contain; {@code null}: any
     */
    public record ExpectedDeadLetter(String kind, String reason) {
    }
}
