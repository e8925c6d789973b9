package ficus.contracts;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ficus.acl.runtime.CloudEventHeaders;
import ficus.acl.spec.EventRule;
import ficus.acl.spec.FieldSpec;
import ficus.acl.spec.PartSpec;
import ficus.acl.spec.TableSpec;
import ficus.acl.spec.TranslationSpec;
import ficus.contracts.asyncapi.AsyncApiDocument;
import ficus.contracts.schema.EventSchemaGenerator;
import ficus.contracts.schema.FieldSchemas;
import ficus.contracts.schema.KeyText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The contract of a translation's domain topic, generated from its spec: one JSON Schema per event type the rules name
 * and an AsyncAPI 3 document for the topic ({@code <context>.<aggregate>.v<version>}), with the CloudEvents headers
 * and the Kafka key the runtime writes.
 *
 * <pre>{@code
 * TranslationSpec spec = TranslationSpecLoader.load(Path.of("order.yaml"));
 * Contract contract = Contracts.generate(spec, ContractOptions.NONE.withCaptureSource("erp"));
 * contract.write(Path.of("contracts").resolve(contract.topic()));   // asyncapi.yaml, <EventType>.schema.json
 * }</pre>
 */
public final class Contracts {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Contracts() {
    }

    /** The contract of {@code spec}'s domain topic. */
    public static Contract generate(TranslationSpec spec, ContractOptions options) {
        String topic = spec.domainTopic();
        EventSchemaGenerator generator = new EventSchemaGenerator(spec, options);
        Map<String, ObjectNode> schemas = generator.schemas();
        String keyPattern = KeyText.pattern(spec);
        List<AsyncApiDocument.Message> messages = new ArrayList<>();
        for (String type : schemas.keySet()) {
            messages.add(new AsyncApiDocument.Message(type, summary(spec, generator.rules(type)),
                    headers(spec, type, options, keyPattern), type + Contract.SCHEMA_SUFFIX));
        }
        ObjectNode key = JSON.objectNode().put("type", "string");
        if (keyPattern != null) {
            key.put("pattern", keyPattern);
        }
        key.put("description", "The " + spec.aggregate() + " key as text (UTF-8), " + keyDescription(spec)
                + ": all events of a " + spec.aggregate() + " share a partition and stay in order.");
        ObjectNode doc = AsyncApiDocument.build(topic, capitalized(spec.aggregate()) + " domain events (" + topic + ")",
                Integer.toString(spec.version()), description(spec), "publish" + capitalized(spec.aggregate())
                        + "Events", key, messages);
        return new Contract(topic, doc, schemas);
    }

    /** The contracts of several specs. */
    public static List<Contract> generate(List<TranslationSpec> specs, ContractOptions options) {
        return specs.stream().map(spec -> generate(spec, options)).toList();
    }

    /**
     * Writes each contract into {@code outDir/<topic>/} and returns the files written.
     *
     * @throws ficus.core.FicusException.OperationFailed when a file cannot be written
     */
    public static List<Path> render(List<Contract> contracts, Path outDir) {
        List<Path> written = new ArrayList<>();
        for (Contract contract : contracts) {
            written.addAll(contract.write(outDir.resolve(contract.topic())));
        }
        return written;
    }

    /**
     * What the contract cannot say exactly from the spec and the options: custom fields whose converter's type is not
     * declared (described as any JSON value), a capture source not given ({@code ce_source} by pattern only).
     */
    public static List<String> notes(TranslationSpec spec, ContractOptions options) {
        List<String> notes = new ArrayList<>();
        for (TableSpec table : spec.tables()) {
            for (FieldSpec field : table.fields()) {
                if (field.converter() != null && !options.converters().containsKey(field.converter())) {
                    notes.add(spec.location() + ": field " + field.field() + " (" + table.table() + "." + field.column()
                            + ") is converted by '" + field.converter() + "', whose type is not declared: described "
                            + "as any JSON value (declare it: " + field.converter() + "=<type>)");
                }
            }
        }
        if (options.captureSource() == null) {
            notes.add(spec.location() + ": no capture source given: ce_source is described as "
                    + spec.cloudEventSource("<capture>") + ", not as a constant");
        }
        return notes;
    }

    private static String keyDescription(TranslationSpec spec) {
        List<FieldSpec> key = spec.keyFields();
        if (key.size() == 1) {
            return "the value of " + key.get(0).field();
        }
        return KeyText.shape(spec) + " (the key values joined by '" + spec.keySeparator() + "'; '%' and the "
                + "separator's characters inside a value percent-encoded)";
    }

    private static String description(TranslationSpec spec) {
        StringJoiner parts = new StringJoiner(", ");
        for (PartSpec part : spec.parts()) {
            parts.add(part.name() + " (" + part.collect().code() + " of " + part.rows().table() + ")");
        }
        return "Domain events of the " + spec.aggregate() + " aggregate (context `" + spec.context() + "`), translated "
                + "by Ficus's anti-corruption layer (translation `" + spec.name() + "`) from the legacy table "
                + spec.root().table() + (spec.parts().isEmpty() ? "" : " and its parts " + parts) + ". Every record "
                + "is a CloudEvents 1.0 event in Kafka binary content mode: the attributes are `ce_*` headers (UTF-8 "
                + "text), the value is the JSON event. Consumers read with `isolation.level=read_committed`, ignore "
                + "event types they do not know (new ones are a compatible change), and apply an event only if its "
                + "`ce_ficusposition` is greater (as text) than the one they stored for the " + spec.aggregate()
                + ": duplicates, replays and backfills then converge. The major version is part of the topic name; a "
                + "breaking change publishes a new topic (`" + spec.context() + "." + spec.aggregate() + ".v"
                + (spec.version() + 1) + "`).";
    }

    /** What publishes an event of this type, from its rules. */
    private static String summary(TranslationSpec spec, List<EventRule> rules) {
        StringJoiner summary = new StringJoiner(" Or: ");
        for (EventRule rule : rules) {
            summary.add(switch (rule.on()) {
                case REGISTERED -> "First sight of a " + spec.aggregate() + ": a legacy insert, a snapshot read, or a "
                        + "change of one not published (or removed) before.";
                case CHANGED -> changed(spec, rule);
                case REMOVED -> "The " + spec.aggregate() + "'s row in " + spec.root().table() + " was deleted"
                        + (spec.root().softDelete() == null ? "" : " or marked deleted") + "; state is null.";
            });
        }
        return summary.toString();
    }

    private static String changed(TranslationSpec spec, EventRule rule) {
        StringBuilder text = new StringBuilder(rule.fields().isEmpty() ? "A change of any mapped field"
                : "A change of " + String.join(" or ", rule.fields()));
        if (!rule.when().isEmpty()) {
            StringJoiner when = new StringJoiner(" and ", " that leaves ", "");
            rule.when().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(w -> when.add(w.getKey() + " = " + w.getValue()));
            text.append(when);
        }
        List<EventRule> earlier = spec.events().subList(0, spec.events().indexOf(rule)).stream()
                .filter(r -> r.on() == EventRule.Trigger.CHANGED).toList();
        if (!earlier.isEmpty()) {
            text.append(" (unless ").append(String.join(" or ", earlier.stream().map(EventRule::type).distinct()
                    .toList())).append(" applies)");
        }
        if (!rule.previous().isEmpty()) {
            text.append("; carries ").append(String.join(", ", rule.previous().stream()
                    .map(EventRule::previousName).toList()));
        }
        return text.append('.').toString();
    }

    /** The CloudEvents binary-mode headers of one event type, as the runtime writes them ({@link CloudEventHeaders}). */
    private static ObjectNode headers(TranslationSpec spec, String type, ContractOptions options, String keyPattern) {
        ObjectNode schema = JSON.objectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        header(properties, CloudEventHeaders.SPEC_VERSION, "CloudEvents spec version.").put("const", "1.0");
        header(properties, CloudEventHeaders.ID, "Deterministic event id (name-based UUID): the same legacy change "
                + "always yields the same id.").put("format", "uuid");
        ObjectNode source = header(properties, CloudEventHeaders.SOURCE, "ficus://<capture>/<translation>.");
        if (options.captureSource() != null) {
            source.put("const", spec.cloudEventSource(options.captureSource()));
        } else {
            // a translation's name is letters, digits, '_' and '-': nothing to escape in a pattern
            source.put("pattern", "^ficus://[^/]+/" + spec.name() + "$");
        }
        header(properties, CloudEventHeaders.TYPE, spec.context() + ".<EventType>.v<major>.")
                .put("const", spec.cloudEventType(type));
        ObjectNode subject = header(properties, CloudEventHeaders.SUBJECT, "The " + spec.aggregate() + " key as text "
                + "(" + KeyText.shape(spec) + "), as the Kafka key.");
        if (keyPattern != null) {
            subject.put("pattern", keyPattern);
        }
        header(properties, CloudEventHeaders.TIME, "Legacy commit time, RFC 3339 UTC.").put("format", "date-time")
                .put("pattern", FieldSchemas.INSTANT_PATTERN);
        header(properties, CloudEventHeaders.POSITION, "Source position <phase>/<16 hex>/<16 hex>[/<4 hex revision>]: "
                + "phase 0 snapshot read, 1 streamed change; the revision orders events the layer publishes for one "
                + spec.aggregate() + " from an older part change. Compare as text; strictly increasing per "
                + spec.aggregate() + ".")
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

    private static String capitalized(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
