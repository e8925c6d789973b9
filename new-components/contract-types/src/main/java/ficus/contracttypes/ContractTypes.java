package ficus.contracttypes;

import ficus.core.FicusException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Typed Java records from a published contract (AsyncAPI 3 + a JSON Schema per event type), for a component that
 * depends on the contract only.
 *
 * <pre>{@code
 * GeneratedTypes types = ContractTypes.generate(Path.of("src/main/contract/sales.order.v1"),
 *         "ficus.components.ordertracking.contract");
 * types.write(Path.of("src/main/java"));                    // OrderEvent.java, OrderEventReader.java
 * List<String> drift = types.differences(Path.of("src/main/java"));   // empty while they match the contract
 * }</pre>
 */
public final class ContractTypes {

    private static final Pattern PACKAGE = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)*");

    private ContractTypes() {
    }

    /**
     * The types of the contract at {@code contract} (its {@code asyncapi.yaml} or the directory holding it) in
     * package {@code packageName}.
     *
     * @throws FicusException.BadInput when the contract cannot be read or has a schema no Java type fits
     */
    public static GeneratedTypes generate(Path contract, String packageName) {
        return generate(PublishedContract.read(contract), packageName);
    }

    public static GeneratedTypes generate(PublishedContract contract, String packageName) {
        if (packageName == null || !PACKAGE.matcher(packageName).matches()) {
            throw new FicusException.BadInput("package '" + packageName + "' is not a Java package name in lower "
                    + "case (e.g. ficus.components.ordertracking.contract)");
        }
        TypeModel model = new TypeModel(contract);
        JavaSources sources = new JavaSources(model, packageName);
        String dir = packageName.replace('.', '/') + "/";
        List<GeneratedTypes.EventType> events = new ArrayList<>();
        for (TypeModel.Event e : model.events) {
            events.add(new GeneratedTypes.EventType(e.name(), e.ceType(), TypeModel.constant(e.name()),
                    e.carries("state")));
        }
        return new GeneratedTypes(contract, packageName, sources.interfaceName(), sources.readerName(), events,
                Map.of(dir + sources.interfaceName() + ".java", sources.interfaceSource(),
                        dir + sources.readerName() + ".java", sources.readerSource()));
    }
}
