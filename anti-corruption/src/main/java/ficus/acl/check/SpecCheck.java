package ficus.acl.check;

import ficus.acl.spec.FieldSpec;
import ficus.acl.spec.FieldType;
import ficus.acl.spec.PartSpec;
import ficus.acl.spec.TableSpec;
import ficus.acl.spec.TranslationSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a translation spec against the capture plan that feeds it and, when given, the legacy database itself,
 * before anything runs: every table is captured; no mapped column is sensitive; every mapped column exists with a
 * type its field can be read from; root and part keys are the tables' keys (or the plan's declared ones); each
 * part's link and each reference's via columns exist with the key's types and agree with a foreign key where there is
 * one. Each problem is one line, {@code <spec>:<line>: <field>: <problem>}, with a "did you mean" where one is near.
 */
public final class SpecCheck {

    /** One problem, at a line of the spec. */
    public record Problem(String location, int line, String field, String message) {
        @Override
        public String toString() {
            return location + ":" + line + ": " + field + ": " + message;
        }
    }

    private final TranslationSpec spec;
    private final List<Problem> problems = new ArrayList<>();

    private SpecCheck(TranslationSpec spec) {
        this.spec = spec;
    }

    /**
     * @param catalog the legacy database's catalog, or {@code null} to check against the plan alone
     */
    public static List<Problem> check(TranslationSpec spec, CaptureScope plan, LegacyCatalog catalog) {
        SpecCheck check = new SpecCheck(spec);
        check.run(plan, catalog);
        return List.copyOf(check.problems);
    }

    private void run(CaptureScope plan, LegacyCatalog catalog) {
        table("root", spec.root(), plan, catalog, null);
        for (PartSpec part : spec.parts()) {
            table("parts." + part.name(), part.rows(), plan, catalog, part);
        }
    }

    private void problem(String path, int line, String message) {
        problems.add(new Problem(spec.location(), line, path, message));
    }

    private void table(String path, TableSpec table, CaptureScope plan, LegacyCatalog catalog, PartSpec part) {
        int tableLine = spec.line(path + ".table");
        if (!plan.tables().contains(table.table())) {
            problem(path + ".table", tableLine, table.quoted() + " is not captured by the plan " + plan.location()
                    + " (add it to its tables" + nearest(table.table(), plan.tables()) + ")");
        }
        for (FieldSpec field : table.fields()) {
            if (plan.sensitiveColumns().contains(table.table() + "." + field.column())) {
                problem(path + ".fields." + field.field(), field.line(), "column " + table.quoted() + "."
                        + ficus.acl.spec.SqlName.quote(field.column()) + " is sensitive in the plan "
                        + plan.location() + ": it never leaves the database, so no translation may map it");
            }
        }
        if (catalog == null) {
            return;
        }
        Optional<LegacyCatalog.Table> found = catalog.table(table.schema(), table.name());
        if (found.isEmpty()) {
            problem(path + ".table", tableLine, "no table " + table.quoted() + " in the database"
                    + nearest(table.name(), Set.copyOf(catalog.tables(table.schema()))));
            return;
        }
        LegacyCatalog.Table actual = found.get();
        for (FieldSpec field : table.fields()) {
            LegacyCatalog.Column column = actual.columns().get(field.column());
            String fieldPath = path + ".fields." + field.field();
            if (column == null) {
                if (!field.nullIfMissing()) {
                    problem(fieldPath, field.line(), "no column " + ficus.acl.spec.SqlName.quote(field.column())
                            + " in " + table.quoted() + nearest(field.column(), actual.columns().keySet()));
                }
                continue;
            }
            readable(field, column).ifPresent(why -> problem(fieldPath, field.line(), "column "
                    + ficus.acl.spec.SqlName.quote(field.column()) + " is " + column.describe() + ", which cannot be "
                    + "read as " + field.typeName() + " (" + why + ")"));
        }
        for (String column : table.ignored()) {
            if (!actual.columns().containsKey(column)) {
                problem(path + ".ignore", spec.line(path + ".ignore"), "no column " + ficus.acl.spec.SqlName.quote(
                        column) + " in " + table.quoted() + nearest(column, actual.columns().keySet()));
            }
        }
        List<String> key = actual.primaryKey().isEmpty()
                ? plan.declaredKeys().getOrDefault(table.table(), List.of()) : actual.primaryKey();
        int keyLine = spec.line(path + ".key");
        for (String column : table.keyColumns()) {
            if (!actual.columns().containsKey(column)) {
                problem(path + ".key", keyLine, "no column " + ficus.acl.spec.SqlName.quote(column) + " in "
                        + table.quoted() + nearest(column, actual.columns().keySet()));
            }
        }
        if (key.isEmpty()) {
            problem(path + ".key", keyLine, table.quoted() + " has no primary key and the plan declares no key "
                    + "columns for it (keyColumns): its rows cannot be told apart");
        } else if (!Set.copyOf(key).equals(Set.copyOf(table.keyColumns()))) {
            problem(path + ".key", keyLine, table.keyColumns() + " is not the key of " + table.quoted() + ", which is "
                    + key + (actual.primaryKey().isEmpty() ? " (declared by the plan)" : " (its primary key)"));
        }
        if (part != null && !part.isReference()) {
            link(path, part, actual);
        }
        if (part != null && part.isReference()) {
            via(path, part, actual, catalog);
        }
    }

    /** The part's link columns exist in the part table, read as the root's key, and match a foreign key if any. */
    private void link(String path, PartSpec part, LegacyCatalog.Table partTable) {
        String linkPath = path + ".link";
        int line = spec.lines().containsKey(linkPath) ? spec.line(linkPath) : spec.line(path + ".aggregateKey");
        List<FieldSpec> keyFields = spec.keyFields();
        for (int i = 0; i < part.link().size(); i++) {
            String column = part.link().get(i);
            LegacyCatalog.Column type = partTable.columns().get(column);
            if (type == null) {
                problem(linkPath, line, "no column " + ficus.acl.spec.SqlName.quote(column) + " in "
                        + part.rows().quoted() + nearest(column, partTable.columns().keySet()));
                continue;
            }
            FieldSpec asKey = keyFields.get(i);
            readable(asKey, type).ifPresent(why -> problem(linkPath, line, "column "
                    + ficus.acl.spec.SqlName.quote(column) + " is " + type.describe() + ", which cannot be read as "
                    + "the root key " + asKey.field() + " (" + asKey.typeName() + ")"));
        }
        for (LegacyCatalog.ForeignKey fk : partTable.foreignKeys()) {
            if (fk.referencedSchema().equals(spec.root().schema()) && fk.referencedTable().equals(spec.root().name())
                    && !fk.columns().equals(part.link())) {
                if (Set.copyOf(fk.columns()).equals(Set.copyOf(part.link()))) {
                    continue; // the same columns; the order is the root key's, checked above by type
                }
                problem(linkPath, line, "links by " + part.link() + " but " + part.rows().quoted()
                        + " has a foreign key " + fk.columns() + " to " + spec.root().quoted());
            }
        }
    }

    /** A reference's via columns exist in the root table and match a foreign key from the root if any. */
    private void via(String path, PartSpec part, LegacyCatalog.Table referenced, LegacyCatalog catalog) {
        String viaPath = path + ".via";
        int line = spec.line(viaPath);
        Optional<LegacyCatalog.Table> root = catalog.table(spec.root().schema(), spec.root().name());
        if (root.isEmpty()) {
            return; // reported for root.table
        }
        for (String column : part.via()) {
            if (!root.get().columns().containsKey(column)) {
                problem(viaPath, line, "no column " + ficus.acl.spec.SqlName.quote(column) + " in "
                        + spec.root().quoted() + nearest(column, root.get().columns().keySet()));
            }
        }
        for (LegacyCatalog.ForeignKey fk : root.get().foreignKeys()) {
            if (fk.referencedSchema().equals(part.rows().schema()) && fk.referencedTable().equals(part.rows().name())
                    && !Set.copyOf(fk.columns()).equals(Set.copyOf(part.via()))) {
                problem(viaPath, line, "points by " + part.via() + " but " + spec.root().quoted()
                        + " has a foreign key " + fk.columns() + " to " + part.rows().quoted());
            }
        }
    }

    /**
     * Why a column of this PostgreSQL type cannot be read as the field declares, as the capture plan's rendered
     * connector encodes it; empty when it can.
     */
    static Optional<String> readable(FieldSpec field, LegacyCatalog.Column column) {
        if (field.type() == FieldType.CUSTOM) {
            return Optional.empty(); // the extension's converter decides
        }
        if (field.array() != column.array()) {
            return Optional.of(column.array() ? "it is an array: declare " + field.type().code() + "[]"
                    : "it is not an array");
        }
        String type = column.type().toLowerCase(Locale.ROOT);
        boolean integral = Set.of("smallint", "integer", "bigint").contains(type);
        boolean text = Set.of("text", "character varying", "character", "name", "citext").contains(type)
                || (type.equals("user-defined") && column.udt().equals("citext"));
        if (field.hasCodes()) {
            return text || integral || column.isEnum() || type.equals("boolean") ? Optional.empty()
                    : Optional.of("codes are read from text, whole numbers, booleans or enums");
        }
        boolean ok = switch (field.type()) {
            case STRING -> text || column.isEnum() || type.equals("uuid") || type.equals("json") || type.equals("jsonb")
                    || type.equals("xml");
            case ENUM -> column.isEnum() || text;
            case LONG -> integral;
            case DECIMAL -> integral || type.equals("numeric") || type.equals("money");
            case DOUBLE -> integral || type.equals("real") || type.equals("double precision");
            case BOOLEAN -> type.equals("boolean");
            case DATE -> type.equals("date");
            case TIME -> type.equals("time without time zone");
            case TIMESTAMP -> type.equals("timestamp without time zone");
            case INSTANT -> type.equals("timestamp with time zone") || type.equals("timestamp without time zone");
            case INTERVAL -> type.equals("interval");
            case UUID -> type.equals("uuid");
            case JSON -> type.equals("json") || type.equals("jsonb");
            case BYTES -> type.equals("bytea");
            case CUSTOM -> true;
        };
        if (ok) {
            return Optional.empty();
        }
        return Optional.of("declare it as " + suggestion(type, column) + ", or convert it in an extension");
    }

    private static String suggestion(String type, LegacyCatalog.Column column) {
        if (column.isEnum()) {
            return "enum or string";
        }
        return switch (type) {
            case "smallint", "integer", "bigint" -> "long";
            case "numeric", "money" -> "decimal";
            case "real", "double precision" -> "double";
            case "boolean" -> "boolean";
            case "date" -> "date";
            case "time without time zone" -> "time";
            case "timestamp without time zone" -> "timestamp (or instant, read as UTC)";
            case "timestamp with time zone" -> "instant";
            case "interval" -> "interval";
            case "uuid" -> "uuid";
            case "json", "jsonb" -> "json";
            case "bytea" -> "bytes";
            default -> "string";
        } + (column.array() ? "[]" : "");
    }

    private static String nearest(String name, Set<String> known) {
        return ficus.core.DidYouMean.closest(name, known, 4).map(best -> {
            int dot = best.indexOf('.');
            String quoted = dot > 0 && known.stream().allMatch(k -> k.contains("."))
                    ? ficus.acl.spec.SqlName.quote(best.substring(0, dot)) + "." + ficus.acl.spec.SqlName.quote(
                            best.substring(dot + 1)) : ficus.acl.spec.SqlName.quote(best);
            return "; did you mean " + quoted + "?";
        }).orElse("");
    }
}
