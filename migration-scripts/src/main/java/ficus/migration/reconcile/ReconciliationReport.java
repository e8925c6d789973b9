package ficus.migration.reconcile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ficus.acl.aggregate.AggregateKey;
import ficus.core.FicusException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a reconciliation found: counts per kind of drift, the legacy rows that cannot be translated (they are in the
 * dead-letter topic, not drift of the component), per field how many aggregates differ in it, up to
 * {@link #SAMPLE_LIMIT} sample keys, and the drifting keys (for a re-drive; not in the JSON file).
 */
public record ReconciliationReport(long legacyCount, long componentCount, long matching, long missing, long extra,
                                   long different, long untranslatable, List<KeyDrift> samples,
                                   Map<String, Long> differentByField, List<AggregateKey> driftKeys) {

    public static final int SAMPLE_LIMIT = 20;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public ReconciliationReport {
        samples = List.copyOf(samples);
        differentByField = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(differentByField));
        driftKeys = List.copyOf(driftKeys);
    }

    /** Aggregates whose component state differs from legacy: missing + extra + different. */
    public long drift() {
        return missing + extra + different;
    }

    /** Success means no drift at all (the CLI's exit 0). */
    public boolean success() {
        return drift() == 0;
    }

    /** One line for people: counts, then the first sample keys. */
    public String summary() {
        StringBuilder line = new StringBuilder()
                .append("reconcile: legacy=").append(legacyCount)
                .append(" component=").append(componentCount)
                .append(" matching=").append(matching)
                .append(" missing=").append(missing)
                .append(" extra=").append(extra)
                .append(" different=").append(different)
                .append(" untranslatable=").append(untranslatable)
                .append(" drift=").append(drift());
        if (!samples.isEmpty()) {
            line.append(" sample: ").append(samples.stream().limit(5).map(KeyDrift::toString).toList());
        }
        return line.toString();
    }

    /** The machine-readable report. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("success", success());
        root.put("drift", drift());
        root.put("legacy", legacyCount);
        root.put("component", componentCount);
        root.put("matching", matching);
        root.put("missing", missing);
        root.put("extra", extra);
        root.put("different", different);
        root.put("untranslatable", untranslatable);
        ObjectNode byField = root.putObject("differentByField");
        differentByField.forEach(byField::put);
        ArrayNode sample = root.putArray("samples");
        for (KeyDrift d : samples) {
            ObjectNode s = sample.addObject();
            s.put("key", d.key());
            s.put("kind", d.kind().name().toLowerCase());
            s.put("legacy", d.legacy());
            s.put("component", d.component());
            ArrayNode fields = s.putArray("fields");
            d.fields().forEach(fields::add);
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes {@link #toJson()} to the file (parent directories created). */
    public Path writeJson(Path file) {
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            Files.writeString(file, toJson());
            return file;
        } catch (IOException e) {
            throw new FicusException.OperationFailed("could not write the reconciliation report to " + file + ": "
                    + e.getMessage(), e);
        }
    }

}
