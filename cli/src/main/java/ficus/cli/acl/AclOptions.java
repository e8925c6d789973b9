package ficus.cli.acl;

import ficus.acl.runtime.AclSettings;
import ficus.core.FicusException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import picocli.CommandLine.Option;

/**
 * Where the anti-corruption layer runs and what it translates: shared by {@code ficus acl} and {@code ficus dlq}.
 * Every name defaults from the spec and the capture source; the topic and id options override them for one spec.
 */
public final class AclOptions {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            defaultValue = "${env:FICUS_BOOTSTRAP_SERVERS:-localhost:9092}",
            description = "Kafka bootstrap servers. Default: $FICUS_BOOTSTRAP_SERVERS or ${DEFAULT-VALUE}")
    String bootstrapServers;

    @Option(names = "--spec", paramLabel = "FILE_OR_DIR",
            description = "Translation spec (YAML), or a folder of them (*.yaml); repeatable: each runs as its own "
                    + "translation with its own stores and topics.")
    List<Path> specs = new ArrayList<>();

    @Option(names = "--source", paramLabel = "NAME", defaultValue = "${env:FICUS_CAPTURE_SOURCE:-legacy}",
            description = "The capture plan's source (the raw topics' prefix: <source>.<schema>.<table>). "
                    + "Default: $FICUS_CAPTURE_SOURCE or ${DEFAULT-VALUE}")
    String source;

    @Option(names = "--application-id", paramLabel = "ID",
            description = "Kafka Streams application id (instances with the same id share the work). "
                    + "Default: ficus-acl-<translation>")
    String applicationId;

    @Option(names = "--raw-topic", paramLabel = "TOPIC",
            description = "Raw topic of the aggregate's root table. Default: <source>.<schema>.<table> of the spec's "
                    + "root")
    String rawTopic;

    @Option(names = "--domain-topic", paramLabel = "TOPIC",
            description = "Domain topic the events go to. Default: <context>.<aggregate>.v<version> of the spec")
    String domainTopic;

    @Option(names = "--dlq-topic", paramLabel = "TOPIC",
            description = "Dead-letter topic. Default: ficus.dlq.<translation>")
    String dlqTopic;

    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = ".ficus/acl-state",
            description = "Local state (RocksDB) of the layer. Default: ${DEFAULT-VALUE}")
    Path stateDir;

    /** The spec files named, folders expanded (their *.yaml, by name). */
    public List<Path> specFiles() {
        return specFiles(specs);
    }

    /** {@code --spec} values as files: folders expanded (their *.yaml, by name); an empty folder is bad input. */
    public static List<Path> specFiles(List<Path> specs) {
        List<Path> files = new ArrayList<>();
        for (Path spec : specs) {
            if (Files.isDirectory(spec)) {
                try (Stream<Path> entries = Files.list(spec)) {
                    List<Path> found = entries.filter(f -> f.toString().endsWith(".yaml")
                            || f.toString().endsWith(".yml")).filter(Files::isRegularFile).sorted().toList();
                    if (found.isEmpty()) {
                        throw new FicusException.BadInput("--spec " + spec + ": no translation specs (*.yaml) in "
                                + "this folder");
                    }
                    files.addAll(found);
                } catch (IOException e) {
                    throw new FicusException.BadInput("--spec " + spec + ": cannot read: " + e.getMessage());
                }
            } else {
                files.add(spec);
            }
        }
        return files;
    }

    /** The settings of every translation named (at least one). */
    public List<AclSettings> all() {
        List<Path> files = specFiles();
        if (files.isEmpty()) {
            throw new FicusException.BadInput("--spec: name the translation spec to run (a YAML file or a folder of "
                    + "them), e.g. --spec translations/order.yaml");
        }
        if (files.size() > 1 && (applicationId != null || rawTopic != null || domainTopic != null
                || dlqTopic != null)) {
            throw new FicusException.BadInput("--application-id, --raw-topic, --domain-topic and --dlq-topic name "
                    + "one translation's topics; with " + files.size() + " specs, let each spec name its own");
        }
        List<AclSettings> all = new ArrayList<>();
        for (Path file : files) {
            AclSettings settings = AclSettings.of(bootstrapServers, stateDir.toAbsolutePath(),
                    file.toAbsolutePath().toString(), source);
            all.add(settings.withApplicationId(applicationId != null ? applicationId : settings.applicationId())
                    .withTopics(rawTopic != null ? rawTopic : settings.rawTopic(),
                            domainTopic != null ? domainTopic : settings.domainTopic(),
                            dlqTopic != null ? dlqTopic : settings.deadLetterTopic()));
        }
        return all;
    }

    /**
     * For commands that only read a dead-letter topic: the one spec's settings, or {@code --dlq-topic} (and
     * {@code --application-id}, default {@code ficus-acl-<name after ficus.dlq.>}) without a spec.
     */
    public AclSettings deadLetterSettings() {
        if (!specs.isEmpty()) {
            return settings();
        }
        if (dlqTopic == null) {
            throw new FicusException.BadInput("--spec or --dlq-topic: name the translation or its dead-letter topic, "
                    + "e.g. --dlq-topic ficus.dlq.order");
        }
        String id = applicationId != null ? applicationId
                : AclSettings.APPLICATION_ID_PREFIX + dlqTopic.replaceFirst("^ficus\\.dlq\\.", "");
        return new AclSettings(bootstrapServers, id, stateDir.toAbsolutePath(), null, null, dlqTopic,
                AclSettings.DEFAULT_PROCESSING_GUARANTEE, java.util.Map.of(), null);
    }

    /** The settings of the one translation named. */
    public AclSettings settings() {
        List<AclSettings> all = all();
        if (all.size() != 1) {
            throw new FicusException.BadInput("--spec: this command works on one translation, " + all.size()
                    + " were named");
        }
        return all.get(0);
    }
}
