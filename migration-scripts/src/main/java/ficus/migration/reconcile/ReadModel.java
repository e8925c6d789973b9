package ficus.migration.reconcile;

import ficus.acl.spec.FieldSpec;
import ficus.acl.spec.FieldType;
import ficus.acl.spec.PartSpec;
import ficus.acl.spec.SqlName;
import ficus.acl.spec.TranslationSpec;
import ficus.core.FicusException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A component's read model as reconciliation reads it, declared in a YAML file a migration lead writes (see
 * {@link ReadModelLoader} and the module README): where the rows are (a table, or a query), which columns hold the
 * aggregate's key (in the order of the spec's key), which translated field each compared column holds, and which rows
 * count as present.
 *
 * @param name        the read model's name ({@code customer-status}): the reconcile job's name
 * @param location    the file it was read from, for messages
 * @param translation the translation it reconciles against, or null (any)
 * @param table       the table ({@code schema.table}, exact names), or null when {@code query} is given
 * @param query       an SQL query whose result is the read model, or null when {@code table} is given
 * @param key         the columns holding the aggregate's key, in the spec's key order (exact names)
 * @param present     an SQL condition on the table's rows that exist for the component ({@code not removed}), or null
 * @param fields      the compared fields, in file order
 * @param line        the line of {@code key} (for messages)
 */
public record ReadModel(String name, String location, String translation, String table, String query,
                        List<String> key, String present, List<Field> fields, int line) {

    /**
     * One compared field.
     *
     * @param path   a root field ({@code status}), a part ({@code openLeads}, {@code lines}) or a field of a one or
     *               reference part ({@code address.city}, {@code customer.name})
     * @param column the component's column (exact name)
     * @param type   how to read the column, or null: as the spec's field type (a part as a whole: count → long,
     *               exists → boolean, one / list / reference → json)
     * @param line   where it is declared
     */
    public record Field(String path, String column, FieldType type, int line) {
        public Field {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(column, "column");
        }
    }

    public ReadModel {
        Objects.requireNonNull(name, "name");
        key = List.copyOf(key);
        fields = List.copyOf(fields);
        if ((table == null) == (query == null)) {
            throw new IllegalArgumentException("a read model has a table or a query");
        }
    }

    /** A read model of a table, declared in code. */
    public static ReadModel ofTable(String name, String table, List<String> key, String present, List<Field> fields) {
        return new ReadModel(name, name, null, table, null, key, present, fields, 0);
    }

    public List<String> paths() {
        return fields.stream().map(Field::path).toList();
    }

    /** What the rows are, as an SQL {@code from} item. */
    String source() {
        if (query != null) {
            return "(" + query + ") ficus_read_model";
        }
        int dot = table.indexOf('.');
        return dot < 0 ? SqlName.quote(table)
                : SqlName.quote(table.substring(0, dot)) + "." + SqlName.quote(table.substring(dot + 1));
    }

    /** {@code select <key>, <fields> from <source> [where present] order by <key order>}. */
    String sql(KeyOrder order) {
        List<String> columns = new ArrayList<>();
        key.forEach(k -> columns.add(SqlName.quote(k)));
        fields.forEach(f -> columns.add(SqlName.quote(f.column())));
        return "select " + String.join(", ", columns) + " from " + source()
                + (present == null ? "" : " where " + present) + " order by " + order.orderBy(key);
    }

    /** Where this read model's field is declared: {@code file:line: fields.status}. */
    String at(Field field) {
        return location + ":" + field.line() + ": fields." + field.path();
    }

    /** The compared fields resolved against the spec: what each path reads and how values are compared. */
    List<Compared> resolve(TranslationSpec spec) {
        if (translation != null && !translation.equals(spec.name())) {
            throw new FicusException.BadInput(location + ":1: translation: the read model reconciles '" + translation
                    + "', the spec given is '" + spec.name() + "' (" + spec.location() + ")");
        }
        if (key.size() != spec.root().keyColumns().size()) {
            throw new FicusException.BadInput(location + ":" + line + ": key: " + key.size() + " column(s) " + key
                    + ", but the aggregate's key has " + spec.root().keyColumns().size() + " ("
                    + spec.keyFields().stream().map(FieldSpec::field).collect(Collectors.joining(", ")) + ")");
        }
        List<Compared> compared = new ArrayList<>();
        for (Field field : fields) {
            compared.add(resolve(spec, field));
        }
        return compared;
    }

    private Compared resolve(TranslationSpec spec, Field field) {
        String path = field.path();
        int dot = path.indexOf('.');
        String head = dot < 0 ? path : path.substring(0, dot);
        Optional<FieldSpec> root = spec.root().field(head);
        if (root.isPresent() && dot < 0) {
            return new Compared(field, null, root.get(), type(field, root.get().type()), root.get().array());
        }
        Optional<PartSpec> part = spec.part(head);
        if (part.isEmpty()) {
            List<String> known = new ArrayList<>(spec.root().fieldNames());
            spec.parts().forEach(p -> known.add(p.name()));
            throw new FicusException.BadInput(at(field) + ": the " + spec.name() + " translation has no field '" + head
                    + "'" + didYouMean(head, known) + "; known: " + known);
        }
        PartSpec p = part.get();
        if (dot < 0) {
            FieldType whole = switch (p.collect()) {
                case COUNT -> FieldType.LONG;
                case EXISTS -> FieldType.BOOLEAN;
                case ONE, LIST, REFERENCE -> FieldType.JSON;
            };
            return new Compared(field, p, null, type(field, whole), false);
        }
        String name = path.substring(dot + 1);
        if (p.collect() != PartSpec.Collect.ONE && p.collect() != PartSpec.Collect.REFERENCE) {
            throw new FicusException.BadInput(at(field) + ": part " + p.name() + " is a " + p.collect().code()
                    + ": compare it as a whole (fields." + p.name() + "), not by field");
        }
        FieldSpec of = p.rows().field(name).orElseThrow(() -> new FicusException.BadInput(at(field) + ": part "
                + p.name() + " has no field '" + name + "'" + didYouMean(name, p.rows().fieldNames()) + "; known: "
                + p.rows().fieldNames()));
        return new Compared(field, p, of, type(field, of.type()), of.array());
    }

    private static FieldType type(Field field, FieldType declared) {
        return field.type() != null ? field.type() : declared;
    }

    static String didYouMean(String name, java.util.Collection<String> known) {
        return ficus.core.DidYouMean.suggestion(name, known);
    }

    /**
     * One compared field, resolved.
     *
     * @param part  the part it reads, or null for a root field
     * @param spec  the field it reads (root or part field), or null for a part as a whole
     * @param type  how both sides' values are compared (the column is read as this type)
     * @param array whether the value is an array of {@code type}
     */
    record Compared(Field field, PartSpec part, FieldSpec spec, FieldType type, boolean array) {
        String path() {
            return field.path();
        }
    }
}
