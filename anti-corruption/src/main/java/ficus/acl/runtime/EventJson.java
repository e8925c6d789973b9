package ficus.acl.runtime;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import ficus.acl.aggregate.AggregateState;
import ficus.acl.aggregate.DomainEvent;
import ficus.acl.spec.FieldSpec;
import ficus.acl.spec.TranslationSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The value of a domain event, for any spec: the key fields, {@code type}, {@code state} (the root fields in spec
 * order, then the parts; {@code null} once removed), {@code changed} and the previous values its rule asked for —
 * {@code {"line":"NORTH","voyageNo":7,"type":"VoyageDeparted","state":{...},"changed":["state"],"previousState":"PLANNED"}}. Id,
 * source, type, subject, time and position travel as CloudEvents headers. Written with a streaming generator.
 */
public final class EventJson {

    private final List<FieldSpec> keyFields;

    public EventJson(TranslationSpec spec) {
        this.keyFields = spec.keyFields();
    }

    public byte[] write(DomainEvent event) {
        ByteArrayBuilder buffer = new ByteArrayBuilder(512);
        try (JsonGenerator json = JsonSupport.mapper().getFactory().createGenerator(buffer, JsonEncoding.UTF8)) {
            json.writeStartObject();
            for (int i = 0; i < keyFields.size(); i++) {
                json.writeFieldName(keyFields.get(i).field());
                JsonSupport.writeValue(json, event.key().values().get(i));
            }
            json.writeStringField("type", event.type());
            json.writeFieldName("state");
            writeState(json, event.state());
            json.writeArrayFieldStart("changed");
            for (String field : event.changed()) {
                json.writeString(field);
            }
            json.writeEndArray();
            for (Map.Entry<String, Object> previous : event.previous().entrySet()) {
                json.writeFieldName(previous.getKey());
                JsonSupport.writeValue(json, previous.getValue());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    private static void writeState(JsonGenerator json, AggregateState state) throws IOException {
        if (state == null) {
            json.writeNull();
            return;
        }
        json.writeStartObject();
        for (int i = 0; i < state.root().size(); i++) {
            json.writeFieldName(state.root().names().get(i));
            JsonSupport.writeValue(json, state.root().value(i));
        }
        for (Map.Entry<String, Object> part : state.parts().entrySet()) {
            json.writeFieldName(part.getKey());
            JsonSupport.writeValue(json, part.getValue());
        }
        json.writeEndObject();
    }
}
