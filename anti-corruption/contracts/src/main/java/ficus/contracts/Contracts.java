package ficus.contracts;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ficus.acl.customer.CustomerEvent;
import ficus.acl.customer.CustomerEventType;
import ficus.acl.runtime.AclTopics;
import ficus.acl.runtime.CloudEventHeaders;
import ficus.acl.translation.Origin;
import ficus.contracts.asyncapi.AsyncApiDocument;
import ficus.contracts.schema.EventSchemaGenerator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The contracts of the domain topics, generated from the code that produces them. Today one topic:
 * {@code crm.customer.v1}, from the sealed {@link CustomerEvent} records and the runtime's CloudEvents headers.
 *
 * <pre>{@code
 * List<Path> files = Contracts.render(Path.of("contracts"));   // contracts/crm.customer.v1/asyncapi.yaml, *.schema.json
 * }</pre>
 */
public final class Contracts {

    /** Record components of {@link CustomerEvent} that travel as CloudEvents headers, not in the value. */
    static final Set<String> HEADER_COMPONENTS = Set.of("eventId", "position", "commitTime");

    /** The capture's topic prefix: the {@code <source>} of {@code ce_source = ficus://<source>/customer}. */
    static final String LEGACY_SOURCE = "legacy";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Contracts() {
    }

    /** All published contracts, freshly generated from the code. */
    public static List<Contract> generate() {
        return List.of(customer());
    }

    /**
     * Writes every contract into {@code outDir/<topic>/} and returns the files written.
     *
     * @throws ficus.core.FicusException.OperationFailed when a file cannot be written
     */
    public static List<Path> render(Path outDir) {
        List<Path> written = new ArrayList<>();
        for (Contract contract : generate()) {
            written.addAll(contract.write(outDir.resolve(contract.topic())));
        }
        return written;
    }

    /** The contract of {@code crm.customer.v1}. */
    public static Contract customer() {
        String topic = AclTopics.DEFAULT_DOMAIN;
        Map<String, ObjectNode> schemas = new EventSchemaGenerator(HEADER_COMPONENTS)
                .schemas(CustomerEvent.class, "crm.customer.v" + CustomerEventType.CONTRACT_VERSION + " ");
        List<AsyncApiDocument.Message> messages = new ArrayList<>();
        for (String name : schemas.keySet()) {
            CustomerEventType type = CustomerEventType.forEventName(name);
            messages.add(new AsyncApiDocument.Message(name, summary(type), headers(type), name
                    + Contract.SCHEMA_SUFFIX));
        }
        ObjectNode key = JSON.objectNode().put("type", "string").put("pattern", "^[0-9]+$")
                .put("description", "The customer id as decimal text (UTF-8): all events of a customer share a "
                        + "partition and stay in order.");
        ObjectNode doc = AsyncApiDocument.build(topic, "Customer domain events (" + topic + ")",
                Integer.toString(CustomerEventType.CONTRACT_VERSION), DESCRIPTION, "publishCustomerEvents", key,
                messages);
        return new Contract(topic, doc, schemas);
    }

    private static final String DESCRIPTION = """
            Domain events of the legacy CRM's customers, published by Ficus's anti-corruption layer. \
            Every record is a CloudEvents 1.0 event in Kafka binary content mode: the attributes are `ce_*` \
            headers (UTF-8 text), the value is the JSON event. Consumers read with `isolation.level=read_committed`, \
            ignore event types they do not know (new ones are a compatible change), and apply an event only if its \
            `ce_ficusposition` is greater (as text) than the one they stored for the customer: duplicates, replays \
            and backfills then converge. The major version is part of the topic name; a breaking change publishes \
            a new topic (`crm.customer.v2`).""";

    private static String summary(CustomerEventType type) {
        return switch (type) {
            case REGISTERED -> "First sight of a customer: a legacy insert, or a snapshot read of a customer not "
                    + "published before.";
            case STATUS_CHANGED -> "The status changed to anything but CLOSED (name or e-mail may have changed with "
                    + "it).";
            case CLOSED -> "The status became CLOSED.";
            case DETAILS_CHANGED -> "Name, e-mail or registration time changed; the status did not.";
            case REMOVED -> "The legacy customer row was deleted; state is null.";
        };
    }

    /** The CloudEvents binary-mode headers of one event type, as the runtime writes them ({@link CloudEventHeaders}). */
    private static ObjectNode headers(CustomerEventType type) {
        ObjectNode schema = JSON.objectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        header(properties, CloudEventHeaders.SPEC_VERSION, "CloudEvents spec version.").put("const", "1.0");
        header(properties, CloudEventHeaders.ID, "Deterministic event id (name-based UUID): the same legacy change "
                + "always yields the same id.").put("format", "uuid");
        header(properties, CloudEventHeaders.SOURCE, "ficus://<capture>/<translation>.")
                .put("const", ficus.acl.spec.yaml.TranslationSpecLoader.customer().cloudEventSource(LEGACY_SOURCE));
        header(properties, CloudEventHeaders.TYPE, "crm.<EventName>.v<major>.").put("const", type.cloudEventType());
        header(properties, CloudEventHeaders.SUBJECT, "The customer id (decimal text).").put("pattern", "^[0-9]+$");
        header(properties, CloudEventHeaders.TIME, "Legacy commit time, RFC 3339 UTC.").put("format", "date-time");
        header(properties, CloudEventHeaders.POSITION, "Source position <phase>/<16 hex>/<16 hex>[/<4 hex revision>]: "
                + "phase 0 snapshot read, 1 streamed change; the revision orders events the layer publishes for one "
                + "customer from an older part change. Compare as text; strictly increasing per customer.")
                .put("pattern", "^[01]/[0-9A-F]{16}/[0-9A-F]{16}(/[0-9A-F]{4})?$");
        header(properties, CloudEventHeaders.CONTENT_TYPE, "Content type of the value.")
                .put("const", "application/json");
        var required = schema.putArray("required");
        properties.fieldNames().forEachRemaining(required::add);
        return schema;
    }

    private static ObjectNode header(ObjectNode properties, String name, String description) {
        return properties.putObject(name).put("type", "string").put("description", description);
    }
}
