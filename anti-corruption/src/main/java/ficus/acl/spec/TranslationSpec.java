package ficus.acl.spec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A translation, declared: the aggregate it builds ({@code aggregate} in {@code context}), its version (the major
 * version of the contract), the root table and its key, its parts in other tables, the event rules, and the name of
 * the {@link TranslationExtension} for what the declaration cannot say. Everything the runtime names — the domain
 * topic, the CloudEvents source and types, the dead-letter topic and headers — comes from here. Read one with
 * {@code ficus.acl.spec.yaml.TranslationSpecLoader}.
 *
 * @param name         the translation's name: in event ids, dead-letter headers and the dead-letter topic
 * @param aggregate    the aggregate's name, lower camel case ({@code voyage}, {@code invoice}): in the domain topic
 * @param context      the bounded context ({@code fleet}, {@code billing}): prefix of the domain topic and event types
 * @param keySeparator between the values of a composite key in the event key and {@code subject}
 * @param location     where it was read from (file or class-path resource), for messages
 * @param lines        where the spec declares things, by path ({@code root.table}, {@code parts.lines.link}), for
 *                     messages that point at a line; empty when not read from a file
 */
public record TranslationSpec(String name, int version, String aggregate, String context, TableSpec root,
        List<PartSpec> parts, List<EventRule> events, String extension, String location, String keySeparator,
        java.util.Map<String, Integer> lines) {

    /** Between the values of a composite key unless the spec says otherwise: {@code 7:1042}. */
    public static final String DEFAULT_KEY_SEPARATOR = ":";
    /** The dead-letter topic's prefix: {@code ficus.dlq.<translation>}. */
    public static final String DEAD_LETTER_PREFIX = "ficus.dlq.";

    public TranslationSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(aggregate, "aggregate");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(root, "root");
        parts = List.copyOf(parts == null ? List.of() : parts);
        events = List.copyOf(events == null ? List.of() : events);
        keySeparator = keySeparator == null ? DEFAULT_KEY_SEPARATOR : keySeparator;
        lines = java.util.Map.copyOf(lines == null ? java.util.Map.of() : lines);
    }

    /** The line a path is declared on ({@code root.key}, {@code parts.lines.table}); 1 when not known. */
    public int line(String path) {
        return lines.getOrDefault(path, 1);
    }

    /** {@code <context>.<aggregate>.v<version>}, e.g. {@code fleet.voyage.v3}. */
    public String domainTopic() {
        return context + "." + aggregate + ".v" + version;
    }

    /** {@code ficus.dlq.<translation>}. */
    public String deadLetterTopic() {
        return DEAD_LETTER_PREFIX + name;
    }

    /** The CloudEvents type of an event type: {@code <context>.<EventType>.v<version>}. */
    public String cloudEventType(String eventType) {
        return context + "." + eventType + ".v" + version;
    }

    /** The CloudEvents source: {@code ficus://<capture source>/<translation>}. */
    public String cloudEventSource(String captureSource) {
        return "ficus://" + captureSource + "/" + name;
    }

    /** The root fields that carry the aggregate's key, in the root table's key order. */
    public List<FieldSpec> keyFields() {
        List<FieldSpec> key = new ArrayList<>();
        for (String column : root.keyColumns()) {
            key.add(root.fieldOfColumn(column).orElseThrow(() -> new IllegalStateException(location
                    + ": root key column " + column + " is not mapped")));
        }
        return key;
    }

    /** Every event type the rules name, in rule order, each once. */
    public List<String> eventTypes() {
        return events.stream().map(EventRule::type).distinct().toList();
    }

    public Optional<PartSpec> part(String schema, String table) {
        return parts.stream().filter(p -> p.rows().is(schema, table)).findFirst();
    }

    public Optional<PartSpec> part(String name) {
        return parts.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** Every table the translation reads: root first, then the parts. */
    public List<TableSpec> tables() {
        List<TableSpec> tables = new ArrayList<>();
        tables.add(root);
        parts.forEach(p -> tables.add(p.rows()));
        return tables;
    }

    /**
     * The columns this translation reads from each of its tables ({@code schema.table}, unquoted): keys, mapped
     * fields, soft-delete flags, a part's link and {@code where} columns, and a reference's {@code via} columns (on the
     * root table). A column it only ignores is not among them.
     */
    public Map<String, Set<String>> columnsRead() {
        Map<String, Set<String>> read = new java.util.LinkedHashMap<>();
        tables().forEach(t -> read.computeIfAbsent(t.table(), k -> new java.util.LinkedHashSet<>())
                .addAll(t.readColumns()));
        for (PartSpec part : parts) {
            Set<String> columns = read.get(part.rows().table());
            columns.addAll(part.link());
            if (part.where() != null) {
                columns.add(part.where().column());
            }
            read.get(root.table()).addAll(part.via());
        }
        Map<String, Set<String>> copy = new java.util.LinkedHashMap<>();
        read.forEach((table, columns) -> copy.put(table, java.util.Collections.unmodifiableSet(columns)));
        return java.util.Collections.unmodifiableMap(copy);
    }

    /**
     * Columns whose values no table of this translation ever reads: ignored somewhere ({@code ignore:}) and not read
     * (key, field, soft-delete flag, part {@code where}, link or via columns) by any table. A reader may leave their
     * values undecoded — the names still count, for {@code newColumns} — so e.g. a national id the spec ignores is
     * never even turned into a string.
     */
    public Set<String> undecodedColumns() {
        Set<String> columns = new HashSet<>();
        tables().forEach(t -> columns.addAll(t.ignored()));
        tables().forEach(t -> columns.removeAll(t.readColumns()));
        for (PartSpec part : parts) {
            part.link().forEach(columns::remove);
            part.via().forEach(columns::remove);
            if (part.where() != null) {
                columns.remove(part.where().column());
            }
        }
        return Set.copyOf(columns);
    }

    /** The code tables any field refers to. */
    public List<String> codeTables() {
        return tables().stream().flatMap(t -> t.fields().stream()).map(FieldSpec::codeTable)
                .filter(Objects::nonNull).map(CodeTableRef::table).distinct().toList();
    }

    public Optional<CodeTableRef> codeTable(String table) {
        return tables().stream().flatMap(t -> t.fields().stream()).map(FieldSpec::codeTable)
                .filter(ref -> ref != null && ref.table().equals(table)).findFirst();
    }
}
