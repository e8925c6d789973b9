package ficus.contracts.compat;

import com.fasterxml.jackson.databind.JsonNode;
import ficus.contracts.Contract;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares a committed contract (what consumers were promised) with a freshly generated one, from the consumer's
 * side: what a consumer written against the committed contract may rely on must still hold.
 *
 * <p>Breaking (a new major version is needed: a new topic {@code ….v2}, a new contract directory):
 * <ul>
 *   <li>an event type (message) removed; the channel address or the key schema changed;</li>
 *   <li>a field removed or renamed (reported as a rename when exactly one field of the same shape replaced it);</li>
 *   <li>a field retyped: its type now admits a JSON type it did not (including {@code null}), or its {@code const},
 *       {@code format} or {@code pattern} changed, or a nested object/array changed incompatibly;</li>
 *   <li>a new required field, an optional field made required, a required field made optional;</li>
 *   <li>an enum that gained values (consumers' exhaustive switches do not know them);</li>
 *   <li>a header removed or changed in the same ways.</li>
 * </ul>
 * Compatible: a new optional field, a new event type, an enum losing values, narrower types, changed descriptions.
 */
public final class ContractCompatibility {

    private ContractCompatibility() {
    }

    /** Breaking changes from the contract committed in {@code committedDir} to {@code generated}. */
    public static List<BreakingChange> check(Path committedDir, Contract generated) {
        return check(Contract.read(committedDir), generated);
    }

    /** Breaking changes from {@code committed} to {@code generated}; empty when every consumer keeps working. */
    public static List<BreakingChange> check(Contract committed, Contract generated) {
        List<BreakingChange> changes = new ArrayList<>();
        String topic = committed.topic();
        if (!committed.topic().equals(generated.topic())) {
            changes.add(new BreakingChange(topic, "topic renamed to " + generated.topic()));
        }
        JsonNode oldChannel = onlyChannel(committed.asyncApi());
        JsonNode newChannel = onlyChannel(generated.asyncApi());
        if (!Objects.equals(oldChannel.path("address").asText(null), newChannel.path("address").asText(null))) {
            changes.add(new BreakingChange(topic + "/asyncapi.yaml#/channels", "channel address changed from "
                    + oldChannel.path("address").asText() + " to " + newChannel.path("address").asText()));
        }
        JsonNode oldMessages = committed.asyncApi().path("components").path("messages");
        JsonNode newMessages = generated.asyncApi().path("components").path("messages");
        for (Iterator<String> names = oldMessages.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            String where = topic + "/asyncapi.yaml#/components/messages/" + name;
            if (!newMessages.has(name)) {
                changes.add(new BreakingChange(where, "event type removed"));
                continue;
            }
            JsonNode oldMessage = oldMessages.get(name);
            JsonNode newMessage = newMessages.get(name);
            compare(where + "/headers", oldMessage.path("headers"), newMessage.path("headers"), changes);
            compare(where + "/bindings/kafka/key", oldMessage.path("bindings").path("kafka").path("key"),
                    newMessage.path("bindings").path("kafka").path("key"), changes);
            JsonNode oldPayload = committed.schemas().get(name);
            JsonNode newPayload = generated.schemas().get(name);
            String payloadWhere = topic + "/" + name + Contract.SCHEMA_SUFFIX + "#";
            if (oldPayload == null) {
                changes.add(new BreakingChange(payloadWhere, "committed payload schema missing"));
            } else if (newPayload == null) {
                changes.add(new BreakingChange(payloadWhere, "payload schema removed"));
            } else {
                compare(payloadWhere, oldPayload, newPayload, changes);
            }
        }
        return changes;
    }

    /** Breaking changes from schema {@code before} to schema {@code after} (one JSON Schema, recursively). */
    public static List<BreakingChange> compareSchemas(String where, JsonNode before, JsonNode after) {
        List<BreakingChange> changes = new ArrayList<>();
        compare(where, before, after, changes);
        return changes;
    }

    private static void compare(String where, JsonNode before, JsonNode after, List<BreakingChange> changes) {
        if (before.isMissingNode() && after.isMissingNode()) {
            return;
        }
        if (after.isMissingNode()) {
            changes.add(new BreakingChange(where, "removed"));
            return;
        }
        Set<String> oldTypes = types(before);
        Set<String> newTypes = types(after);
        Set<String> added = new TreeSet<>(newTypes);
        added.removeAll(oldTypes);
        if (!oldTypes.isEmpty() && (newTypes.isEmpty() || !added.isEmpty())) {
            changes.add(new BreakingChange(where, "retyped from " + describe(oldTypes) + " to "
                    + (newTypes.isEmpty() ? "any" : describe(newTypes))));
            return; // the nested comparison of an unrelated type says nothing more useful
        }
        for (String keyword : List.of("const", "format", "pattern")) {
            JsonNode o = before.get(keyword);
            JsonNode n = after.get(keyword);
            if (o != null && !o.equals(n)) {
                changes.add(new BreakingChange(where, keyword + " changed from " + o + " to "
                        + (n == null ? "none" : n)));
            }
        }
        if (before.has("enum")) {
            Set<String> oldValues = values(before.get("enum"));
            Set<String> newValues = after.has("enum") ? values(after.get("enum")) : null;
            if (newValues == null) {
                changes.add(new BreakingChange(where, "no longer an enum of " + oldValues));
            } else {
                Set<String> gained = new TreeSet<>(newValues);
                gained.removeAll(oldValues);
                if (!gained.isEmpty()) {
                    changes.add(new BreakingChange(where, "enum gained " + gained
                            + " (consumers do not know these values)"));
                }
            }
        }
        if (before.has("properties") || after.has("properties")) {
            compareProperties(where, before, after, changes);
        }
        if (before.has("items")) {
            compare(where + "/items", before.get("items"), after.path("items"), changes);
        }
    }

    private static void compareProperties(String where, JsonNode before, JsonNode after,
            List<BreakingChange> changes) {
        JsonNode oldProps = before.path("properties");
        JsonNode newProps = after.path("properties");
        Set<String> oldRequired = values(before.path("required"));
        Set<String> newRequired = values(after.path("required"));
        Set<String> removed = new LinkedHashSet<>();
        oldProps.fieldNames().forEachRemaining(name -> {
            if (!newProps.has(name)) {
                removed.add(name);
            }
        });
        Set<String> addedNames = new LinkedHashSet<>();
        newProps.fieldNames().forEachRemaining(name -> {
            if (!oldProps.has(name)) {
                addedNames.add(name);
            }
        });
        Set<String> renameTargets = new LinkedHashSet<>();
        for (String name : removed) {
            String renamedTo = renameCandidate(oldProps.get(name), newProps, addedNames);
            if (renamedTo != null) {
                renameTargets.add(renamedTo);
            }
            changes.add(new BreakingChange(where + "/" + name, renamedTo == null
                    ? "removed (was " + describe(types(oldProps.get(name))) + ")"
                    : "renamed to " + renamedTo));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = oldProps.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            String name = property.getKey();
            if (!newProps.has(name)) {
                continue;
            }
            if (oldRequired.contains(name) && !newRequired.contains(name)) {
                changes.add(new BreakingChange(where + "/" + name, "no longer required (consumers rely on it)"));
            } else if (!oldRequired.contains(name) && newRequired.contains(name)) {
                changes.add(new BreakingChange(where + "/" + name, "became required"));
            }
            compare(where + "/" + name, property.getValue(), newProps.get(name), changes);
        }
        for (String name : addedNames) {
            if (newRequired.contains(name) && !renameTargets.contains(name)) {
                changes.add(new BreakingChange(where + "/" + name, "new required field (make it optional, or "
                        + "publish a new major version)"));
            }
        }
    }

    private static String renameCandidate(JsonNode removed, JsonNode newProps, Set<String> addedNames) {
        List<String> sameShape = addedNames.stream()
                .filter(name -> stripDescriptions(newProps.get(name)).equals(stripDescriptions(removed))).toList();
        return sameShape.size() == 1 ? sameShape.get(0) : null;
    }

    private static JsonNode stripDescriptions(JsonNode schema) {
        JsonNode copy = schema.deepCopy();
        if (copy.isObject()) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) copy).remove(List.of("description", "title"));
        }
        return copy;
    }

    private static Set<String> types(JsonNode schema) {
        Set<String> types = new TreeSet<>();
        JsonNode type = schema.path("type");
        if (type.isTextual()) {
            types.add(type.asText());
        } else if (type.isArray()) {
            type.forEach(t -> types.add(t.asText()));
        }
        if (types.contains("number")) {
            types.add("integer"); // integer ⊂ number: integer → number widens, number → integer narrows
        }
        return types;
    }

    private static String describe(Set<String> types) {
        Set<String> shown = new TreeSet<>(types);
        if (shown.contains("number")) {
            shown.remove("integer");
        }
        return shown.size() == 1 ? shown.iterator().next() : shown.toString();
    }

    private static Set<String> values(JsonNode array) {
        Set<String> values = new LinkedHashSet<>();
        array.forEach(v -> values.add(v.isNull() ? "null" : v.asText()));
        return values;
    }

    private static JsonNode onlyChannel(JsonNode asyncApi) {
        JsonNode channels = asyncApi.path("channels");
        Iterator<JsonNode> it = channels.elements();
        return it.hasNext() ? it.next() : channels;
    }
}
