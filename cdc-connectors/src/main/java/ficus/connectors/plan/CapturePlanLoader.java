package ficus.connectors.plan;

import ficus.core.FicusException;
import ficus.connectors.plan.YamlNode.Entry;
import ficus.connectors.plan.YamlNode.Mapping;
import ficus.connectors.plan.YamlNode.Scalar;
import ficus.connectors.plan.YamlNode.Sequence;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads and validates a capture plan (YAML). Every problem found is reported, each as one line
 * {@code <file>:<line>: <field>: <what is wrong and what to do>}; {@link #load} throws them together as
 * {@link FicusException.BadInput}, {@link #check} returns them.
 *
 * <pre>
 * name: legacy-crm                 # Kafka Connect connector name
 * source: legacy                   # topic prefix: raw topics are &lt;source&gt;.&lt;schema&gt;.&lt;table&gt;
 * connection:
 *   host: localhost
 *   port: 5432                     # optional, 5432
 *   database: legacy
 *   user: ficus_cdc
 *   password: ${env:LEGACY_PASSWORD}   # or ${file:/etc/ficus/secrets.properties:legacy.password}
 * tables: [crm.cust, crm.cust_addr, erp."OrderLine"]   # names as in SQL: unquoted folds to lower case
 * sensitiveColumns: [crm.cust.natl_id] # optional; never leave the database
 * slot: ficus_legacy_crm
 * publication: ficus_legacy_crm
 * snapshot: initial                # optional: initial, initial_only, always, when_needed, no_data
 * heartbeatInterval: 10s           # optional: 0 disables; units ms, s, m
 * heartbeatActionQuery: "update ficus.heartbeat set ts = now()"   # optional
 * signalTable: ficus.debezium_signal   # optional: enables ad-hoc incremental snapshots
 * keyColumns:                      # optional: Kafka key of tables without a primary key
 *   crm.audit: [audit_ts, audit_seq]
 * beforeImages: [crm.cust]         # optional: tables whose updates must carry the whole old row
 * publishViaPartitionRoot: true    # optional, default true: a partitioned table is one table, one raw topic
 * tuning:                          # optional
 *   pollIntervalMs: 20
 *   maxBatchSize: 2048
 *   maxQueueSize: 8192
 * </pre>
 */
public final class CapturePlanLoader {

    /** Classpath resource of the bundled plan for the sample legacy CRM. */
    public static final String LEGACY_CRM_RESOURCE = "ficus/plans/legacy-crm.yaml";

    private static final Map<String, String> TOP_FIELDS = fields(
            "name", "the Kafka Connect connector name",
            "source", "the topic prefix",
            "connection", "how to reach the database",
            "tables", "captured tables, schema.table",
            "sensitiveColumns", "columns that never leave the database, schema.table.column",
            "slot", "the replication slot name",
            "publication", "the publication name",
            "snapshot", "the snapshot mode",
            "heartbeatInterval", "how often Debezium emits a heartbeat",
            "heartbeatActionQuery", "SQL run on every heartbeat",
            "signalTable", "the Debezium signal table, schema.table",
            "keyColumns", "key columns of tables without a primary key, schema.table: [column, ...]",
            "beforeImages", "tables whose updates must carry the whole old row, schema.table",
            "publishViaPartitionRoot", "publish a partitioned table as itself (true, default) or as its partitions",
            "rowFilters", "per table, the SQL condition its captured rows meet, schema.table: \"condition\"",
            "tuning", "poll interval, batch and queue sizes");
    private static final Map<String, String> CONNECTION_FIELDS = fields(
            "host", "database host",
            "port", "database port",
            "database", "database name",
            "user", "database user (needs REPLICATION)",
            "password", "a reference to the password");
    private static final Map<String, String> TUNING_FIELDS = fields(
            "pollIntervalMs", "Debezium poll.interval.ms",
            "maxBatchSize", "Debezium max.batch.size",
            "maxQueueSize", "Debezium max.queue.size");

    private static final Pattern CONNECTOR_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,248}");
    private static final Pattern TOPIC_PREFIX = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,99}");
    private static final Pattern PG_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:\\[\\]-]+");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h)?");

    /** Loads and validates a plan file. */
    public CapturePlan load(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader, file.toString());
        } catch (NoSuchFileException e) {
            throw new FicusException.BadInput(file + ": no such capture plan file; check the path");
        } catch (IOException e) {
            throw new FicusException.BadInput(file + ": cannot read the capture plan: " + e.getMessage(), e);
        }
    }

    /** Loads and validates a plan from the classpath, e.g. {@link #LEGACY_CRM_RESOURCE}. */
    public CapturePlan loadResource(String resource) {
        InputStream in = CapturePlanLoader.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new FicusException.BadInput("classpath:" + resource + ": no such bundled capture plan");
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return parse(reader, "classpath:" + resource);
        } catch (IOException e) {
            throw new FicusException.BadInput("classpath:" + resource + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** The bundled plan for the sample legacy CRM (connection pointing at localhost; use {@code withConnection}). */
    public static CapturePlan legacyCrm() {
        return new CapturePlanLoader().loadResource(LEGACY_CRM_RESOURCE);
    }

    /** Parses and validates YAML text; {@code origin} names it in messages (a file name). */
    public CapturePlan parse(String yaml, String origin) {
        return parse(new StringReader(yaml), origin);
    }

    /** Every problem of the YAML text, empty if it is a valid plan. Malformed YAML is still thrown as BadInput. */
    public List<PlanProblem> check(String yaml, String origin) {
        Walk walk = new Walk(origin);
        walk.plan(YamlNode.read(new StringReader(yaml), origin));
        return List.copyOf(walk.problems);
    }

    private CapturePlan parse(Reader reader, String origin) {
        Walk walk = new Walk(origin);
        CapturePlan plan = walk.plan(YamlNode.read(reader, origin));
        if (!walk.problems.isEmpty()) {
            throw new FicusException.BadInput(walk.problems.stream().map(PlanProblem::toString)
                    .collect(Collectors.joining(System.lineSeparator())));
        }
        return plan;
    }

    /** One validation pass over one document, collecting problems instead of stopping at the first. */
    private static final class Walk {
        private final String file;
        private final List<PlanProblem> problems = new ArrayList<>();

        Walk(String file) {
            this.file = file;
        }

        CapturePlan plan(YamlNode document) {
            if (!(document instanceof Mapping root)) {
                problem(document.line(), "(plan)", "the plan must be a YAML mapping of fields (name:, source:, ...), not "
                        + document.kind());
                return null;
            }
            rejectUnknown(root, "", TOP_FIELDS);
            String name = string(root, "name", "", CONNECTOR_NAME,
                    "letters, digits, '.', '_' or '-', e.g. legacy-crm");
            String source = string(root, "source", "", TOPIC_PREFIX,
                    "letters, digits, '_' or '-' (it prefixes every raw topic), e.g. legacy");
            Connection connection = connection(root);
            List<TableId> tables = tables(root);
            List<ColumnId> sensitive = sensitiveColumns(root, tables);
            String slot = string(root, "slot", "", PG_NAME,
                    "lower-case letters, digits and '_', at most 63, e.g. ficus_legacy_crm");
            String publication = string(root, "publication", "", PG_NAME,
                    "lower-case letters, digits and '_', at most 63, e.g. ficus_legacy_crm");
            SnapshotMode snapshot = snapshotMode(root);
            Duration heartbeat = heartbeat(root);
            Tuning tuning = tuning(root);
            Map<TableId, List<String>> keyColumns = keyColumns(root, tables);
            String actionQuery = optionalText(root, "heartbeatActionQuery", "an SQL statement");
            TableId signalTable = signalTable(root);
            List<TableId> beforeImages = beforeImages(root, tables);
            Boolean viaRoot = bool(root, "publishViaPartitionRoot", true);
            Map<TableId, String> rowFilters = rowFilters(root, tables);
            if (!problems.isEmpty()) {
                return null;
            }
            return new CapturePlan(name, source, connection, tables, sensitive, slot, publication, snapshot,
                    heartbeat, tuning, keyColumns, java.util.Optional.ofNullable(actionQuery),
                    java.util.Optional.ofNullable(signalTable), beforeImages, viaRoot, rowFilters);
        }

        private Map<TableId, List<String>> keyColumns(Mapping root, List<TableId> tables) {
            Map<TableId, List<String>> keys = new LinkedHashMap<>();
            Mapping node = mapping(root, "keyColumns", "", false);
            if (node == null) {
                return keys;
            }
            Set<TableId> captured = new HashSet<>(tables);
            for (Entry entry : node.entries().values()) {
                String field = "keyColumns." + entry.key();
                java.util.Optional<TableId> table = TableId.parse(entry.key());
                if (table.isEmpty()) {
                    problem(entry.keyLine(), field, "'" + entry.key() + "' is not a table name; write schema.table,"
                            + " e.g. crm.audit: [audit_id]");
                    continue;
                }
                if (!captured.contains(table.get())) {
                    problem(entry.keyLine(), field, table.get() + " is not a captured table; add it to tables or fix"
                            + " the name");
                    continue;
                }
                List<String> columns = new ArrayList<>();
                YamlNode value = entry.value();
                List<YamlNode> items = value instanceof Sequence seq ? seq.items() : List.of(value);
                for (YamlNode item : items) {
                    String text = scalarText(item, field, "a column name or a list of column names");
                    if (text == null) {
                        continue;
                    }
                    java.util.Optional<String> column = SqlIdentifier.parseDotted(text.strip())
                            .filter(p -> p.size() == 1).map(p -> p.get(0)).filter(c -> c.indexOf(':') < 0);
                    if (column.isEmpty()) {
                        problem(item.line(), field, "'" + text + "' is not a column name; write it as in SQL (in YAML"
                                + " quote a quoted name: '\"Sku\"'); ',', ';' and ':' cannot be used");
                    } else if (columns.contains(column.get())) {
                        problem(item.line(), field, "'" + text + "' is listed twice; keep one");
                    } else {
                        columns.add(column.get());
                    }
                }
                if (columns.isEmpty()) {
                    problem(entry.keyLine(), field, "no key columns; list at least one, e.g. [audit_id]");
                } else {
                    keys.put(table.get(), columns);
                }
            }
            return keys;
        }

        private TableId signalTable(Mapping root) {
            String text = optionalText(root, "signalTable", "a table name schema.table");
            if (text == null) {
                return null;
            }
            return TableId.parse(text.strip()).orElseGet(() -> {
                problem(root.entries().get("signalTable").keyLine(), "signalTable", "'" + text
                        + "' is not a table name; write schema.table, e.g. ficus.debezium_signal");
                return null;
            });
        }

        private Map<TableId, String> rowFilters(Mapping root, List<TableId> tables) {
            Map<TableId, String> filters = new LinkedHashMap<>();
            Mapping node = mapping(root, "rowFilters", "", false);
            if (node == null) {
                return filters;
            }
            Set<TableId> captured = new HashSet<>(tables);
            for (Entry entry : node.entries().values()) {
                String field = "rowFilters." + entry.key();
                java.util.Optional<TableId> table = TableId.parse(entry.key());
                if (table.isEmpty()) {
                    problem(entry.keyLine(), field, "'" + entry.key() + "' is not a table name; write schema.table,"
                            + " e.g. erp.orders: \"region = 'EU'\"");
                    continue;
                }
                if (!captured.contains(table.get())) {
                    problem(entry.keyLine(), field, table.get() + " is not a captured table; add it to tables or fix"
                            + " the name");
                    continue;
                }
                String text = scalarText(entry.value(), field, "an SQL condition, e.g. \"region = 'EU'\"");
                if (text == null) {
                    continue;
                }
                if (text.isBlank()) {
                    problem(entry.keyLine(), field, "is blank; give the SQL condition a row must meet, or remove the"
                            + " entry");
                } else if (text.contains(";")) {
                    problem(entry.keyLine(), field, "holds ';': a row filter is one SQL condition (the WHERE of the"
                            + " snapshot's SELECT and of the publication), not a statement");
                } else {
                    filters.put(table.get(), text.strip());
                }
            }
            return filters;
        }

        private List<TableId> beforeImages(Mapping root, List<TableId> tables) {
            List<TableId> result = new ArrayList<>();
            Sequence list = sequence(root, "beforeImages", false);
            if (list == null) {
                return result;
            }
            Set<TableId> captured = new HashSet<>(tables);
            for (int i = 0; i < list.items().size(); i++) {
                YamlNode item = list.items().get(i);
                String field = "beforeImages[" + i + "]";
                String text = scalarText(item, field, "a table name schema.table");
                if (text == null) {
                    continue;
                }
                java.util.Optional<TableId> table = TableId.parse(text);
                if (table.isEmpty()) {
                    problem(item.line(), field, "'" + text + "' is not a table name; write schema.table");
                } else if (!captured.contains(table.get())) {
                    problem(item.line(), field, "'" + text + "' is not a captured table; add it to tables or fix the"
                            + " name");
                } else if (!result.contains(table.get())) {
                    result.add(table.get());
                }
            }
            return result;
        }

        private String optionalText(Mapping map, String key, String expected) {
            Entry entry = map.entries().get(key);
            if (entry == null || (entry.value() instanceof Scalar scalar && scalar.isNull())) {
                return null;
            }
            String text = scalarText(entry.value(), key, expected);
            if (text != null && text.isBlank()) {
                problem(entry.keyLine(), key, "is blank; give " + expected + " or remove the field");
                return null;
            }
            return text;
        }

        private Connection connection(Mapping root) {
            Mapping node = mapping(root, "connection", "", true);
            if (node == null) {
                return null;
            }
            rejectUnknown(node, "connection.", CONNECTION_FIELDS);
            String host = string(node, "host", "connection.", HOST, "a host name or IP address, e.g. localhost");
            Integer port = integer(node, "port", "connection.", Connection.DEFAULT_PORT, 1, 65535);
            String database = string(node, "database", "connection.", null, null);
            String user = string(node, "user", "connection.", null, null);
            SecretRef password = password(node);
            if (host == null || port == null || database == null || user == null || password == null) {
                return null;
            }
            return new Connection(host, port, database, user, password);
        }

        private SecretRef password(Mapping connection) {
            Entry entry = connection.entries().get("password");
            if (entry == null) {
                problem(connection.line(), "connection.password", "missing; give a reference to the password: "
                        + SecretRef.ENV_SYNTAX + " or " + SecretRef.FILE_SYNTAX);
                return null;
            }
            if (!(entry.value() instanceof Scalar scalar) || scalar.isNull()) {
                problem(entry.keyLine(), "connection.password", "must be a reference to the password, "
                        + SecretRef.ENV_SYNTAX + " or " + SecretRef.FILE_SYNTAX + ", not " + entry.value().kind());
                return null;
            }
            String text = scalar.text().strip();
            if (text.startsWith("${")) {
                return SecretRef.parse(text).orElseGet(() -> {
                    problem(entry.keyLine(), "connection.password", "'" + text + "' is not a reference Ficus understands;"
                            + " use " + SecretRef.ENV_SYNTAX + " or " + SecretRef.FILE_SYNTAX);
                    return null;
                });
            }
            // Never echo the value: it is probably the password itself.
            problem(entry.keyLine(), "connection.password", "a literal password is not allowed in a capture plan (plans live"
                    + " in git and the rendered config would carry it); use " + SecretRef.ENV_SYNTAX + " or "
                    + SecretRef.FILE_SYNTAX + ", resolved by the Connect worker's config providers");
            return null;
        }

        private List<TableId> tables(Mapping root) {
            List<TableId> tables = new ArrayList<>();
            Sequence list = sequence(root, "tables", true);
            if (list == null) {
                return tables;
            }
            if (list.items().isEmpty()) {
                problem(list.line(), "tables", "is empty; list at least one table as schema.table, e.g. crm.cust");
            }
            Set<TableId> seen = new HashSet<>();
            for (int i = 0; i < list.items().size(); i++) {
                YamlNode item = list.items().get(i);
                String field = "tables[" + i + "]";
                String text = scalarText(item, field, "a table name schema.table");
                if (text == null) {
                    continue;
                }
                TableId.parse(text).ifPresentOrElse(table -> {
                    if (!seen.add(table)) {
                        problem(item.line(), field, "'" + text + "' is listed twice; keep one");
                    } else {
                        tables.add(table);
                    }
                }, () -> problem(item.line(), field, "'" + text + "' is not a table name; write schema.table as in"
                        + " SQL, e.g. crm.cust or erp.\"OrderLine\" (unquoted names fold to lower case; ',' and ';'"
                        + " cannot be used)"));
            }
            return tables;
        }

        private List<ColumnId> sensitiveColumns(Mapping root, List<TableId> tables) {
            List<ColumnId> columns = new ArrayList<>();
            Sequence list = sequence(root, "sensitiveColumns", false);
            if (list == null) {
                return columns;
            }
            Set<TableId> captured = new HashSet<>(tables);
            for (int i = 0; i < list.items().size(); i++) {
                YamlNode item = list.items().get(i);
                String field = "sensitiveColumns[" + i + "]";
                String text = scalarText(item, field, "a column name schema.table.column");
                if (text == null) {
                    continue;
                }
                ColumnId.parse(text).ifPresentOrElse(column -> {
                    if (!captured.contains(column.table())) {
                        problem(item.line(), field, "'" + text + "' belongs to " + column.table()
                                + ", which is not a captured table; add " + column.table()
                                + " to tables or fix the column name");
                    } else if (columns.contains(column)) {
                        problem(item.line(), field, "'" + text + "' is listed twice; keep one");
                    } else {
                        columns.add(column);
                    }
                }, () -> problem(item.line(), field, "'" + text + "' is not a column name; write schema.table.column"
                        + " as in SQL, e.g. crm.cust.natl_id or erp.\"Customer\".\"TaxId\""));
            }
            return columns;
        }

        private SnapshotMode snapshotMode(Mapping root) {
            Entry entry = root.entries().get("snapshot");
            if (entry == null) {
                return SnapshotMode.INITIAL;
            }
            String text = scalarText(entry.value(), "snapshot", "a snapshot mode");
            if (text == null) {
                return null;
            }
            return SnapshotMode.forCode(text).orElseGet(() -> {
                problem(entry.keyLine(), "snapshot", "'" + text + "' is not a snapshot mode; use one of "
                        + SnapshotMode.codes());
                return null;
            });
        }

        private Duration heartbeat(Mapping root) {
            Entry entry = root.entries().get("heartbeatInterval");
            if (entry == null) {
                return CapturePlan.DEFAULT_HEARTBEAT_INTERVAL;
            }
            String text = scalarText(entry.value(), "heartbeatInterval", "a duration");
            if (text == null) {
                return null;
            }
            Matcher m = DURATION.matcher(text.strip());
            if (!m.matches()) {
                problem(entry.keyLine(), "heartbeatInterval", "'" + text + "' is not a duration; write a number with a "
                        + "unit ms, s, m or h, e.g. 10s (0 disables heartbeats)");
                return null;
            }
            long amount = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "ms" : m.group(2);
            return switch (unit) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofMillis(amount);
            };
        }

        private Tuning tuning(Mapping root) {
            Mapping node = mapping(root, "tuning", "", false);
            if (node == null) {
                return root.entries().containsKey("tuning") ? null : Tuning.DEFAULTS;
            }
            rejectUnknown(node, "tuning.", TUNING_FIELDS);
            Integer poll = integer(node, "pollIntervalMs", "tuning.", Tuning.DEFAULT_POLL_INTERVAL_MS, 1, 3_600_000);
            Integer batch = integer(node, "maxBatchSize", "tuning.", Tuning.DEFAULT_MAX_BATCH_SIZE, 1, 1_000_000);
            Integer queue = integer(node, "maxQueueSize", "tuning.", Tuning.DEFAULT_MAX_QUEUE_SIZE, 2, 10_000_000);
            if (poll == null || batch == null || queue == null) {
                return null;
            }
            if (queue <= batch) {
                Entry entry = node.entries().getOrDefault("maxQueueSize", node.entries().get("maxBatchSize"));
                problem(entry == null ? node.line() : entry.keyLine(), "tuning.maxQueueSize", queue
                        + " must be larger than tuning.maxBatchSize (" + batch + "), as Debezium requires;"
                        + " raise maxQueueSize or lower maxBatchSize");
                return null;
            }
            return new Tuning(poll, batch, queue);
        }

        // --- typed field readers -------------------------------------------------------------------------------

        private String string(Mapping map, String key, String prefix, Pattern pattern, String expected) {
            Entry entry = map.entries().get(key);
            if (entry == null) {
                problem(map.line(), prefix + key, "missing; add " + key + ": (" + describe(prefix, key) + ")");
                return null;
            }
            String text = scalarText(entry.value(), prefix + key, describe(prefix, key));
            if (text == null) {
                return null;
            }
            if (text.isBlank()) {
                problem(entry.keyLine(), prefix + key, "is blank; give " + describe(prefix, key));
                return null;
            }
            if (pattern != null && !pattern.matcher(text).matches()) {
                problem(entry.keyLine(), prefix + key, "'" + text + "' is not allowed; use " + expected);
                return null;
            }
            return text;
        }

        private Boolean bool(Mapping map, String key, boolean defaultValue) {
            Entry entry = map.entries().get(key);
            if (entry == null) {
                return defaultValue;
            }
            String text = scalarText(entry.value(), key, "true or false");
            if (text == null) {
                return null;
            }
            return switch (text.strip()) {
                case "true" -> true;
                case "false" -> false;
                default -> {
                    problem(entry.keyLine(), key, "'" + text + "' is not true or false");
                    yield null;
                }
            };
        }

        private Integer integer(Mapping map, String key, String prefix, int defaultValue, int min, int max) {
            Entry entry = map.entries().get(key);
            if (entry == null) {
                return defaultValue;
            }
            String text = scalarText(entry.value(), prefix + key, "a whole number");
            if (text == null) {
                return null;
            }
            try {
                int value = Integer.parseInt(text.strip());
                if (value < min || value > max) {
                    problem(entry.keyLine(), prefix + key, value + " is out of range; use " + min + ".." + max);
                    return null;
                }
                return value;
            } catch (NumberFormatException e) {
                problem(entry.keyLine(), prefix + key, "'" + text + "' is not a whole number; use " + min + ".." + max);
                return null;
            }
        }

        private Mapping mapping(Mapping map, String key, String prefix, boolean required) {
            Entry entry = map.entries().get(key);
            if (entry == null) {
                if (required) {
                    problem(map.line(), prefix + key, "missing; add a " + key + ": mapping (" + describe(prefix, key) + ")");
                }
                return null;
            }
            if (entry.value() instanceof Mapping m) {
                return m;
            }
            problem(entry.keyLine(), prefix + key, "must be a mapping of fields, not " + entry.value().kind());
            return null;
        }

        private Sequence sequence(Mapping map, String key, boolean required) {
            Entry entry = map.entries().get(key);
            if (entry == null) {
                if (required) {
                    problem(map.line(), key, "missing; add " + key + ": a list (" + TOP_FIELDS.get(key) + ")");
                }
                return null;
            }
            if (entry.value() instanceof Sequence s) {
                return s;
            }
            if (entry.value() instanceof Scalar scalar && scalar.isNull() && !required) {
                return new Sequence(entry.keyLine(), List.of());
            }
            problem(entry.keyLine(), key, "must be a list (- item per line, or [a, b]), not " + entry.value().kind());
            return null;
        }

        private String scalarText(YamlNode node, String field, String expected) {
            if (node instanceof Scalar scalar && !scalar.isNull()) {
                return scalar.text();
            }
            problem(node.line(), field, "must be " + expected + ", not " + node.kind());
            return null;
        }

        private void rejectUnknown(Mapping map, String prefix, Map<String, String> known) {
            for (Entry entry : map.entries().values()) {
                if (!known.containsKey(entry.key())) {
                    String suggestion = closest(entry.key(), known.keySet());
                    problem(entry.keyLine(), prefix + entry.key(), "unknown field"
                            + (suggestion == null ? "" : "; did you mean " + prefix + suggestion + "?")
                            + " (known fields here: " + String.join(", ", known.keySet()) + ")");
                }
            }
        }

        private void problem(int line, String field, String message) {
            problems.add(new PlanProblem(file, line, field, message));
        }

        private static String describe(String prefix, String key) {
            Map<String, String> table = switch (prefix) {
                case "connection." -> CONNECTION_FIELDS;
                case "tuning." -> TUNING_FIELDS;
                default -> TOP_FIELDS;
            };
            return table.getOrDefault(key, key);
        }
    }

    /**
     * The known field closest to a misspelt one, or null: case-insensitive edit distance with transpositions, at most
     * 1 for short names, 2 up to 8 characters, else 3.
     */
    public static String closest(String unknown, java.util.Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int d = distance(unknown.toLowerCase(), candidate.toLowerCase());
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        int allowed = unknown.length() <= 4 ? 1 : unknown.length() <= 8 ? 2 : 3;
        return bestDistance <= allowed ? best : null;
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions. */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    private static Map<String, String> fields(String... nameAndDescription) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < nameAndDescription.length; i += 2) {
            map.put(nameAndDescription[i], nameAndDescription[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }

}
