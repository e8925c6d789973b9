package ficus.acl.runtime;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ficus.acl.aggregate.FieldValues;
import ficus.acl.spec.FieldType;
import ficus.acl.spec.JsonDocuments;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

/**
 * The JSON the layer writes for field values, the one way: text as strings, whole numbers and doubles as numbers,
 * decimals as strings (exact, scale kept: {@code "12.50"}), dates, times and local date-times as ISO-8601 text,
 * instants as ISO-8601 UTC with microseconds ({@code 2026-12-01T10:15:30.123456Z}), intervals as ISO-8601 durations,
 * uuids as text, JSON documents as JSON, bytes as base64, arrays as arrays, a part row as an object.
 */
public final class JsonSupport {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Reads json / jsonb column text into a checked, compact document (Jackson). */
    public static final JsonDocuments DOCUMENTS = text -> {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new IllegalArgumentException("empty JSON text");
            }
            return new FieldType.JsonText(MAPPER.writeValueAsString(node));
        } catch (IOException e) {
            String message = e.getMessage() == null ? "not JSON" : e.getMessage();
            int newline = message.indexOf('\n');
            throw new IllegalArgumentException("not JSON: " + (newline < 0 ? message : message.substring(0,
                    newline)));
        }
    };

    private JsonSupport() {
    }

    static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Writes one value as the contract says (see the class comment). */
    static void writeValue(JsonGenerator json, Object value) throws IOException {
        switch (value) {
            case null -> json.writeNull();
            case String s -> json.writeString(s);
            case Long l -> json.writeNumber(l);
            case Integer i -> json.writeNumber(i);
            case Double d -> {
                if (d.isNaN() || d.isInfinite()) {
                    json.writeString(d.toString()); // JSON has no NaN / Infinity
                } else {
                    json.writeNumber(d);
                }
            }
            case Boolean b -> json.writeBoolean(b);
            case BigDecimal d -> json.writeString(d.toPlainString());
            case Instant i -> json.writeString(IsoInstant.format(i));
            case LocalDate d -> json.writeString(d.toString());
            case LocalTime t -> json.writeString(t.toString());
            case LocalDateTime t -> json.writeString(t.toString());
            case UUID u -> json.writeString(u.toString());
            case FieldType.JsonText j -> json.writeRawValue(j.json());
            case FieldType.Bytes b -> json.writeString(b.base64());
            case FieldValues row -> writeRow(json, row);
            case List<?> items -> {
                json.writeStartArray();
                for (Object item : items) {
                    writeValue(json, item);
                }
                json.writeEndArray();
            }
            default -> json.writeString(value.toString()); // a custom converter's own type
        }
    }

    static void writeRow(JsonGenerator json, FieldValues row) throws IOException {
        json.writeStartObject();
        for (int i = 0; i < row.size(); i++) {
            json.writeFieldName(row.names().get(i));
            writeValue(json, row.value(i));
        }
        json.writeEndObject();
    }
}
