package ficus.template;

import ficus.core.FicusException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 */
public final class ComponentTemplate {

    /** The version of Ficus the new component is built against. */
    public static final String FICUS_VERSION = "0.1.0-SNAPSHOT";
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final String ROOT = "/ficus/template/component/";

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
        if (name == null || !NAME.matcher(name).matches() || name.length() > 40) {
            throw new FicusException.BadInput("component name '" + name + "' must be lower-case letters and digits in"
                    + " words joined by dashes, starting with a letter, at most 40 characters (e.g. credit-check)");
        }
        try {
            if (Files.exists(targetDir) && (!Files.isDirectory(targetDir) || hasEntries(targetDir))) {
                throw new FicusException.BadInput("cannot create component " + name + " in " + targetDir
                        + ": it exists and is not an empty directory; pick another directory");
            }
            Map<String, String> tokens = Map.of(
                    "__PACKAGE_PATH__", packageName(name).replace('.', '/'),
                    "__PACKAGE__", packageName(name),
                    "__CLASS__", className(name),
                    "__NAME__", name,
                    "__DB__", name.replace('-', '_'),
                    "__FICUS_VERSION__", FICUS_VERSION);
            List<Path> written = new ArrayList<>();
            for (String file : resource("files.txt").lines().filter(l -> !l.isBlank()).toList()) {
                Path target = targetDir.resolve(replace(file, tokens));
                Files.createDirectories(target.getParent());
                Files.writeString(target, replace(resource(file), tokens));
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

    private static String resource(String file) {
        try (InputStream in = ComponentTemplate.class.getResourceAsStream(ROOT + file)) {
            if (in == null) {
                throw new IllegalStateException("template file " + ROOT + file + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
