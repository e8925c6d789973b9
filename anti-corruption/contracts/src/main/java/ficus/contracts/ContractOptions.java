package ficus.contracts;

import ficus.acl.spec.FieldType;
import ficus.core.FicusException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a contract needs besides the spec: facts the spec does not hold.
 *
 * @param captureSource the capture's topic prefix ({@code source.name} of the raw records), so {@code ce_source} can be
 *                      published as a constant ({@code ficus://<captureSource>/<translation>}); {@code null}: not
 *                      known here, {@code ce_source} is described by a pattern only
 * @param converters    converter name → the type of the values it produces, for {@code type: custom} fields (the spec
 *                      names the converter, not what it returns). A custom field whose converter is not listed is
 *                      described as any JSON value
 */
public record ContractOptions(String captureSource, Map<String, FieldType> converters) {

    public static final ContractOptions NONE = new ContractOptions(null, Map.of());

    public ContractOptions {
        converters = Collections.unmodifiableMap(new LinkedHashMap<>(converters == null ? Map.of() : converters));
        converters.forEach((name, type) -> {
            if (type == FieldType.CUSTOM) {
                throw new FicusException.BadInput("converter " + name + ": a converter produces one of the spec's "
                        + "types, not 'custom'");
            }
        });
    }

    public ContractOptions withCaptureSource(String source) {
        return new ContractOptions(source, converters);
    }

    public ContractOptions withConverter(String name, FieldType type) {
        Map<String, FieldType> all = new LinkedHashMap<>(converters);
        all.put(name, type);
        return new ContractOptions(captureSource, all);
    }

    /**
     * Parses {@code NAME=TYPE} ({@code country-code=string}), the form the command line and the manifest use.
     *
     * @throws FicusException.BadInput naming what is wrong
     */
    public ContractOptions withConverter(String declaration) {
        int eq = declaration.indexOf('=');
        if (eq <= 0 || eq == declaration.length() - 1) {
            throw new FicusException.BadInput("converter '" + declaration + "': expected NAME=TYPE, e.g. "
                    + "country-code=string");
        }
        return withConverter(declaration.substring(0, eq).strip(), type(declaration.substring(0, eq).strip(),
                declaration.substring(eq + 1).strip()));
    }

    /** A spec type name ({@code string}, {@code long}, ...) as the type converter {@code converter} produces. */
    public static FieldType type(String converter, String typeName) {
        FieldType type = FieldType.forCode(typeName).orElseThrow(() -> new FicusException.BadInput("converter "
                + converter + ": unknown type '" + typeName + "' (one of " + knownTypes() + ")"));
        if (type == FieldType.CUSTOM) {
            throw new FicusException.BadInput("converter " + converter + ": a converter produces one of the spec's "
                    + "types, not 'custom'");
        }
        return type;
    }

    private static String knownTypes() {
        StringBuilder names = new StringBuilder();
        for (FieldType type : FieldType.values()) {
            if (type != FieldType.CUSTOM) {
                names.append(names.isEmpty() ? "" : ", ").append(type.code());
            }
        }
        return names.toString();
    }
}
