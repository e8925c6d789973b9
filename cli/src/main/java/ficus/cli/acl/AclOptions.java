package ficus.cli.acl;

import ficus.acl.runtime.AclSettings;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/** Where the anti-corruption layer runs: shared by {@code ficus acl} and {@code ficus dlq}. */
public final class AclOptions {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            defaultValue = "${env:FICUS_BOOTSTRAP_SERVERS:-localhost:9092}",
            description = "Kafka bootstrap servers. Default: $FICUS_BOOTSTRAP_SERVERS or ${DEFAULT-VALUE}")
    String bootstrapServers;

    @Option(names = "--application-id", paramLabel = "ID", defaultValue = AclSettings.DEFAULT_APPLICATION_ID,
            description = "Kafka Streams application id (instances with the same id share the work). "
                    + "Default: ${DEFAULT-VALUE}")
    String applicationId;

    @Option(names = "--spec", paramLabel = "FILE",
            description = "Translation spec (YAML). Default: the bundled customer spec.")
    Path spec;

    @Option(names = "--raw-topic", paramLabel = "TOPIC", defaultValue = "legacy.crm.cust",
            description = "Raw topic of the aggregate's root table. Default: ${DEFAULT-VALUE}")
    String rawTopic;

    @Option(names = "--domain-topic", paramLabel = "TOPIC", defaultValue = "crm.customer.v1",
            description = "Domain topic the events go to. Default: ${DEFAULT-VALUE}")
    String domainTopic;

    @Option(names = "--dlq-topic", paramLabel = "TOPIC", defaultValue = "ficus.dlq.customer",
            description = "Dead-letter topic. Default: ${DEFAULT-VALUE}")
    String dlqTopic;

    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = ".ficus/acl-state",
            description = "Local state (RocksDB) of the layer. Default: ${DEFAULT-VALUE}")
    Path stateDir;

    public AclSettings settings() {
        AclSettings settings = AclSettings.defaults(bootstrapServers, stateDir.toAbsolutePath())
                .withApplicationId(applicationId)
                .withTopics(rawTopic, domainTopic, dlqTopic);
        return spec == null ? settings : settings.withTranslationSpec(spec.toAbsolutePath().toString());
    }
}
