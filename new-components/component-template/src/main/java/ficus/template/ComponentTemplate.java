package ficus.template;

import ficus.contracttypes.ContractTypes;
import ficus.contracttypes.GeneratedTypes;
import ficus.contracttypes.PublishedContract;
import ficus.core.FicusException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * {@code ficus component new <name>}: writes a new component that builds and tests on its own. It has the component
 * kit, its own Liquibase changelog (the kit's tables, then a formatted-SQL changelog of its own), jOOQ classes
 * generated from that changelog at build time, a subscription to {@code crm.customer.v1}, and an IT over the Ficus
 * sandbox. Its parent is {@code dev.ficus:ficus-parent}, found in the local Maven repository.
 *
 * <pre>{@code
 * List<Path> written = ComponentTemplate.create(Path.of("components/credit-check"), "credit-check");
 * }</pre>
 *
 * <p>With a published contract ({@link #create(Path, String, Path)}) the component subscribes to the contract's topic
 * instead and reads its events into records generated from the contract (package {@code <package>.contract}); its
 * {@code *ContractTypesTest} fails when they no longer match the contract copied into {@code src/main/contract/}.
 */
public final class ComponentTemplate {

    /** The version of Ficus the new component is built against. */
    public static final String FICUS_VERSION = "0.1.0-SNAPSHOT";
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final String ROOT = "/ficus/template/component/";
    private static final String CONTRACT_ROOT = "/ficus/template/contract-component/";

    private ComponentTemplate() {
    }

    /** The Java package of a component: {@code ficus.components.<name without dashes>}. */
    public static String packageName(String name) {
        return "ficus.components." + name.replace("-", "");
    }

    /** The class name prefix of a component: {@code credit-check} → {@code CreditCheck}. */
    public static String className(String name) {
        StringBuilder b = new StringBuilder();
        for (String part : name.split("-")) {
            b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return b.toString();
    }

    /**
     * Writes the component {@code name} into {@code targetDir} (created; it must not exist or be empty).
     *
     * @return the files written
     * @throws FicusException.BadInput when the name is not lower-case words joined by dashes, or the directory is not
     *                                 empty
     */
    public static List<Path> create(Path targetDir, String name) {
        checkTarget(targetDir, name);
        return write(targetDir, name, ROOT, tokens(name));
    }

    /**
     * Writes the component {@code name} into {@code targetDir}, subscribing to the topic of the published contract at
     * {@code contract} (its {@code asyncapi.yaml} or the directory holding it, with the event types' schemas beside
     * it): the contract is copied to {@code src/main/contract/<topic>/}, and the records generated from it to
     * {@code src/main/java/<package>/contract/}.
     *
     * @return the files written
     * @throws FicusException.BadInput when the name or directory is refused (see {@link #create(Path, String)}), or
     *                                 the contract cannot be read or typed; nothing is written then
     */
    public static List<Path> create(Path targetDir, String name, Path contract) {
        checkTarget(targetDir, name);
        GeneratedTypes types = ContractTypes.generate(contract, packageName(name) + ".contract");
        Map<String, String> tokens = new HashMap<>(tokens(name));
        String topic = types.contract().topic();
        String aggregate = types.contract().aggregate();
        String sqlAggregate = aggregate.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^a-z0-9_]", "_");
        tokens.put("__TOPIC__", topic);
        tokens.put("__EVENT__", types.interfaceName());
        tokens.put("__READER__", types.readerName());
        tokens.put("__AGGREGATE__", aggregate);
        tokens.put("__SQL_AGGREGATE__", sqlAggregate);
        tokens.put("__TABLE_CONST__", sqlAggregate.toUpperCase(java.util.Locale.ROOT));
        tokens.put("__EVENT_CASES__", cases(types, aggregate));
        List<Path> written = write(targetDir, name, CONTRACT_ROOT, tokens);
        try {
            Path copy = targetDir.resolve("src/main/contract").resolve(topic);
            Files.createDirectories(copy);
            PublishedContract published = types.contract();
            try (var siblings = Files.list(published.asyncApi().getParent())) {
                for (Path file : siblings.filter(f -> f.equals(published.asyncApi())
                        || f.getFileName().toString().endsWith(".schema.json")).sorted().toList()) {
                    Path target = copy.resolve(file.equals(published.asyncApi()) ? PublishedContract.ASYNCAPI
                            : file.getFileName().toString());
                    Files.copy(file, target);
                    written.add(target);
                }
            }
        } catch (IOException e) {
            throw new FicusException.OperationFailed("could not copy the contract " + contract + " into "
                    + targetDir + ": " + e.getMessage(), e);
        }
        written.addAll(types.write(targetDir.resolve("src/main/java")));
        return written;
    }

    /** One {@code case} per event type: {@code true} for a removal (its value carries no state). */
    private static String cases(GeneratedTypes types, String aggregate) {
        StringJoiner cases = new StringJoiner("\n");
        for (GeneratedTypes.EventType event : types.events()) {
            cases.add("            case " + types.interfaceName() + "." + event.name() + " e -> "
                    + (event.carriesState() ? "false; // e.state(): the " + aggregate + " after the change"
                            : "true; // the " + aggregate + " was removed"));
        }
        return cases.toString();
    }

    private static void checkTarget(Path targetDir, String name) {
        if (name == null || !NAME.matcher(name).matches() || name.length() > 40) {
            throw new FicusException.BadInput("component name '" + name + "' must be lower-case letters and digits in"
                    + " words joined by dashes, starting with a letter, at most 40 characters (e.g. credit-check)");
        }
        try {
            if (Files.exists(targetDir) && (!Files.isDirectory(targetDir) || hasEntries(targetDir))) {
                throw new FicusException.BadInput("cannot create component " + name + " in " + targetDir
                        + ": it exists and is not an empty directory; pick another directory");
            }
        } catch (IOException e) {
            throw new FicusException.OperationFailed("could not read " + targetDir + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, String> tokens(String name) {
        return Map.of(
                "__PACKAGE_PATH__", packageName(name).replace('.', '/'),
                "__PACKAGE__", packageName(name),
                "__CLASS__", className(name),
                "__NAME__", name,
                "__DB__", name.replace('-', '_'),
                "__FICUS_VERSION__", FICUS_VERSION);
    }

    private static List<Path> write(Path targetDir, String name, String root, Map<String, String> tokens) {
        try {
            List<Path> written = new ArrayList<>();
            for (String file : resource(root, "files.txt").lines().filter(l -> !l.isBlank()).toList()) {
                Path target = targetDir.resolve(replace(file, tokens));
                Files.createDirectories(target.getParent());
                Files.writeString(target, replace(resource(root, file), tokens));
                written.add(target);
            }
            return written;
        } catch (IOException e) {
            throw new FicusException.OperationFailed("could not write component " + name + " into " + targetDir
                    + ": " + e.getMessage(), e);
        }
    }

    private static boolean hasEntries(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isPresent();
        }
    }

    private static String replace(String text, Map<String, String> tokens) {
        String out = text;
        // longest tokens first: __PACKAGE_PATH__ before __PACKAGE__
        for (String token : tokens.keySet().stream().sorted((a, b) -> b.length() - a.length()).toList()) {
            out = out.replace(token, tokens.get(token));
        }
        return out;
    }

    private static String resource(String root, String file) {
        try (InputStream in = ComponentTemplate.class.getResourceAsStream(root + file)) {
            if (in == null) {
                throw new IllegalStateException("template file " + root + file + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
