package ficus.acl.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A translation, declared: its name and version (in event ids and dead-letter headers), the root table of the
 * aggregate, its parts in other tables, the event rules, and the name of the {@link TranslationExtension} for what the
 * declaration cannot say. Read one with {@code ficus.acl.spec.yaml.TranslationSpecLoader}.
 *
 * @param location where it was read from (file or class-path resource), for messages
 */
public record TranslationSpec(String name, int version, TableSpec root, List<PartSpec> parts, List<EventRule> events,
        String extension, String location) {

    public TranslationSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(root, "root");
        parts = List.copyOf(parts == null ? List.of() : parts);
        events = List.copyOf(events == null ? List.of() : events);
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
     * Columns whose values no table of this translation ever reads: ignored somewhere ({@code ignore:}) and not read
     * (key, field, soft-delete flag, part {@code where} or aggregate key) by any table. A reader may leave their values
     * undecoded — the names still count, for {@code newColumns} — so e.g. a national id the spec ignores is never
     * even turned into a string.
     */
    public java.util.Set<String> undecodedColumns() {
        java.util.Set<String> columns = new java.util.HashSet<>();
        tables().forEach(t -> columns.addAll(t.ignored()));
        tables().forEach(t -> columns.removeAll(t.readColumns()));
        for (PartSpec part : parts) {
            columns.remove(part.aggregateKey());
            if (part.where() != null) {
                columns.remove(part.where().column());
            }
        }
        return java.util.Set.copyOf(columns);
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
