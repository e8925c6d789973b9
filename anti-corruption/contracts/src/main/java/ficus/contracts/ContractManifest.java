package ficus.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import ficus.acl.spec.TranslationSpec;
import ficus.acl.spec.yaml.TranslationSpecLoader;
import ficus.core.FicusException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The contracts committed in a directory and how they are generated: {@value #FILE} beside the contract directories
 * lists the translation specs and, for each, what the spec does not say (the capture source, the types of custom
 * converters). {@link RenderContracts} writes them; the build's compatibility gate reads the same file, so both always
 * agree.
 *
 * <pre>
 * contracts:
 *   - spec: translations/order.yaml          # a file (relative to this one) or classpath:&lt;resource&gt;
 *     captureSource: erp                     # ce_source = ficus://erp/order
 *     converters: { country-code: string }   # what each custom converter produces
 * </pre>
 *
 * @param file    the manifest
 * @param entries one per translation
 */
public record ContractManifest(Path file, List<Entry> entries) {

    public static final String FILE = "contracts.yaml";

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Set<String> ENTRY_KEYS = Set.of("spec", "captureSource", "converters");

    public ContractManifest {
        entries = List.copyOf(entries);
    }

    /**
     * @param spec    where the spec is: {@code classpath:<resource>}, or a file relative to the manifest
     * @param options what the contract needs besides the spec
     */
    public record Entry(String spec, ContractOptions options) {
    }

    /** The directory the contracts are committed in: the manifest's. */
    public Path dir() {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? Path.of(".") : parent;
    }

    /** Each entry's spec, loaded. */
    public TranslationSpec spec(Entry entry) {
        return TranslationSpecLoader.load(entry.spec().startsWith("classpath:") ? entry.spec()
                : dir().resolve(entry.spec()).toString());
    }

    /** The contracts as the specs generate them today. */
    public List<Contract> generate() {
        return entries.stream().map(entry -> Contracts.generate(spec(entry), entry.options())).toList();
    }

    /**
     * Reads a manifest.
     *
     * @throws FicusException.BadInput naming the file and the entry when it cannot be read
     */
    public static ContractManifest read(Path file) {
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new FicusException.BadInput(file + ": cannot read the contract manifest: " + e.getMessage());
        }
        JsonNode contracts = root == null ? null : root.get("contracts");
        if (contracts == null || !contracts.isArray() || contracts.isEmpty()) {
            throw new FicusException.BadInput(file + ": expected 'contracts:', a list of { spec: ..., captureSource: "
                    + "..., converters: { NAME: TYPE } }");
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < contracts.size(); i++) {
            JsonNode node = contracts.get(i);
            String where = file + ": contracts[" + i + "]";
            if (!node.isObject()) {
                throw new FicusException.BadInput(where + ": expected a mapping with 'spec'");
            }
            for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                if (!ENTRY_KEYS.contains(key)) {
                    throw new FicusException.BadInput(where + ": unknown key '" + key + "' (known: spec, "
                            + "captureSource, converters)");
                }
            }
            if (!node.path("spec").isTextual()) {
                throw new FicusException.BadInput(where + ": 'spec' (a file or classpath:<resource>) is missing");
            }
            ContractOptions options = ContractOptions.NONE;
            if (node.has("captureSource")) {
                options = options.withCaptureSource(node.get("captureSource").asText());
            }
            JsonNode converters = node.path("converters");
            if (!converters.isMissingNode() && !converters.isObject()) {
                throw new FicusException.BadInput(where + ".converters: expected a mapping NAME: TYPE");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = converters.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> converter = it.next();
                try {
                    options = options.withConverter(converter.getKey(), ContractOptions.type(converter.getKey(),
                            converter.getValue().asText()));
                } catch (FicusException.BadInput e) {
                    throw new FicusException.BadInput(where + ".converters: " + e.getMessage());
                }
            }
            entries.add(new Entry(node.get("spec").asText(), options));
        }
        return new ContractManifest(file, entries);
    }
}
