package ficus.contracts.asyncapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/**
 * Builds an AsyncAPI 3.0 document for one Kafka topic: one channel (address = topic), one {@code send} operation, one
 * message per event type with its headers schema, its Kafka key schema and its payload as a {@code $ref} to the
 * event's JSON Schema file next to the document ({@code ./<EventName>.schema.json}).
 */
public final class AsyncApiDocument {

    public static final String ASYNCAPI_VERSION = "3.0.0";
    /** Version of the AsyncAPI Kafka bindings used (channel topic, message key). */
    public static final String KAFKA_BINDING_VERSION = "0.5.0";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /**
     * One message of the topic.
     *
     * @param name        event name, the spec's event type (e.g. {@code VoyageDeparted}); also the message id and the
     *                    schema file's stem
     * @param summary     one line for readers
     * @param headers     JSON Schema of the Kafka headers (an object of strings)
     * @param payloadFile file name of the payload schema, relative to the document
     */
    public record Message(String name, String summary, ObjectNode headers, String payloadFile) {
        public Message {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(headers, "headers");
            Objects.requireNonNull(payloadFile, "payloadFile");
        }
    }

    /**
     * @param topic       the Kafka topic = channel address = channel id
     * @param title       info.title
     * @param version     info.version
     * @param description info.description (markdown)
     * @param operationId id of the {@code send} operation
     * @param key         JSON Schema of the Kafka record key
     * @param messages    the event types published on the topic
     */
    public static ObjectNode build(String topic, String title, String version, String description, String operationId,
            ObjectNode key, List<Message> messages) {
        ObjectNode doc = JSON.objectNode();
        doc.put("asyncapi", ASYNCAPI_VERSION);
        ObjectNode info = doc.putObject("info");
        info.put("title", title);
        info.put("version", version);
        info.put("description", description);
        doc.put("defaultContentType", "application/json");

        ObjectNode channel = doc.putObject("channels").putObject(topic);
        channel.put("address", topic);
        channel.put("title", topic);
        ObjectNode channelMessages = channel.putObject("messages");
        for (Message message : messages) {
            channelMessages.putObject(message.name()).put("$ref", "#/components/messages/" + message.name());
        }
        channel.putObject("bindings").putObject("kafka").put("topic", topic)
                .put("bindingVersion", KAFKA_BINDING_VERSION);

        ObjectNode operation = doc.putObject("operations").putObject(operationId);
        operation.put("action", "send");
        operation.put("summary", "The anti-corruption layer publishes every event type on " + topic + ".");
        operation.putObject("channel").put("$ref", "#/channels/" + topic);
        ArrayNode operationMessages = operation.putArray("messages");
        for (Message message : messages) {
            operationMessages.addObject().put("$ref", "#/channels/" + topic + "/messages/" + message.name());
        }

        ObjectNode components = doc.putObject("components").putObject("messages");
        for (Message message : messages) {
            ObjectNode m = components.putObject(message.name());
            m.put("name", message.name());
            m.put("title", message.name());
            if (message.summary() != null) {
                m.put("summary", message.summary());
            }
            m.put("contentType", "application/json");
            m.set("headers", message.headers());
            m.putObject("payload").put("$ref", "./" + message.payloadFile());
            ObjectNode kafka = m.putObject("bindings").putObject("kafka");
            kafka.set("key", key);
            kafka.put("bindingVersion", KAFKA_BINDING_VERSION);
        }
        return doc;
    }

    private AsyncApiDocument() {
    }
}
