package ficus.contracttypes;

import ficus.core.FicusException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Java sources generated from a contract, in memory: write them into a source root, or compare them with the
 * ones there (the component's test that fails when its types no longer match its contract).
 *
 * @param contract      what they were generated from
 * @param packageName   their package
 * @param interfaceName the sealed interface, e.g. {@code OrderEvent}
 * @param readerName    the reader, e.g. {@code OrderEventReader}
 * @param events        the event types, in the contract's order
 * @param files         path relative to the source root → source text
 */
public record GeneratedTypes(PublishedContract contract, String packageName, String interfaceName, String readerName,
        List<EventType> events, Map<String, String> files) {

    private static final Pattern SHA = Pattern.compile("sha-256 ([0-9a-f]{64})");

    /**
     * One event type.
     *
     * @param name        the record's name, e.g. {@code OrderPlaced}
     * @param ceType      its {@code ce_type}
     * @param constant    the reader's constant holding the {@code ce_type}, e.g. {@code ORDER_PLACED}
     * @param carriesState whether its value carries the aggregate's state (a removal does not)
     */
    public record EventType(String name, String ceType, String constant, boolean carriesState) {
    }

    public GeneratedTypes {
        events = List.copyOf(events);
        files = Map.copyOf(files);
    }

    /** The package's directory under a source root, e.g. {@code ficus/components/ordertracking/contract}. */
    public String packagePath() {
        return packageName.replace('.', '/');
    }

    /** Writes the sources under {@code sourceRoot} (e.g. {@code src/main/java}) and deletes stale generated ones. */
    public List<Path> write(Path sourceRoot) {
        List<Path> written = new ArrayList<>();
        try {
            for (Path stale : staleFiles(sourceRoot)) {
                Files.delete(stale);
            }
            for (var file : files.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
                Path target = sourceRoot.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
                written.add(target);
            }
        } catch (IOException e) {
            throw new FicusException.OperationFailed("could not write the contract types into " + sourceRoot + ": "
                    + e.getMessage(), e);
        }
        return written;
    }

    /**
     * How the sources under {@code sourceRoot} differ from these, one line per file (empty when they match): a
     * missing file, a file generated from another version of the contract (and its first different line), a
     * generated file the contract no longer has.
     */
    public List<String> differences(Path sourceRoot) {
        List<String> differences = new ArrayList<>();
        try {
            for (var file : files.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
                Path actual = sourceRoot.resolve(file.getKey());
                if (!Files.isRegularFile(actual)) {
                    differences.add(file.getKey() + ": missing (the contract of " + contract.topic() + " has it)");
                    continue;
                }
                String found = Files.readString(actual, StandardCharsets.UTF_8);
                if (!found.equals(file.getValue())) {
                    differences.add(file.getKey() + ": " + difference(file.getValue(), found));
                }
            }
            for (Path stale : staleFiles(sourceRoot)) {
                differences.add(sourceRoot.relativize(stale).toString().replace('\\', '/')
                        + ": generated from an earlier contract; " + contract.topic() + " no longer has it");
            }
        } catch (IOException e) {
            differences.add(sourceRoot + ": cannot be read: " + e.getMessage());
        }
        return differences;
    }

    private String difference(String expected, String found) {
        List<String> want = expected.lines().toList();
        List<String> have = found.lines().toList();
        StringBuilder text = new StringBuilder();
        String was = sha(found);
        if (!contract.sha256().equals(was)) {
            text.append("generated from ").append(was == null ? "no known contract" : "contract sha-256 " + was)
                    .append(", the contract is now sha-256 ").append(contract.sha256()).append("; ");
        }
        for (int i = 0; i < Math.max(want.size(), have.size()); i++) {
            String w = i < want.size() ? want.get(i) : "<end of file>";
            String h = i < have.size() ? have.get(i) : "<end of file>";
            if (!w.equals(h) && !(i == 0 && w.startsWith(JavaSources.MARK) && h.startsWith(JavaSources.MARK))) {
                return text.append("first difference at line ").append(i + 1).append(": the contract gives `")
                        .append(w.strip()).append("`, the file has `").append(h.strip()).append('`').toString();
            }
        }
        return text.append("differs only in its header").toString();
    }

    private static String sha(String source) {
        String first = source.lines().findFirst().orElse("");
        Matcher m = SHA.matcher(first);
        return first.startsWith(JavaSources.MARK) && m.find() ? m.group(1) : null;
    }

    /** Files in the package's directory that this generator wrote and that are not among {@link #files}. */
    private List<Path> staleFiles(Path sourceRoot) throws IOException {
        Path dir = sourceRoot.resolve(packagePath());
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> stale = new ArrayList<>();
        try (var entries = Files.list(dir)) {
            for (Path p : entries.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                String relative = packagePath() + "/" + p.getFileName();
                if (!files.containsKey(relative) && Files.readString(p).startsWith(JavaSources.MARK)) {
                    stale.add(p);
                }
            }
        }
        return stale;
    }
}
