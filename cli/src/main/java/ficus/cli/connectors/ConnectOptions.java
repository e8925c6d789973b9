package ficus.cli.connectors;

import ficus.cli.DurationConverter;
import ficus.connectors.connect.ConnectClient;
import ficus.connectors.connect.ConnectSettings;
import ficus.core.FicusException;

import java.nio.file.Path;
import java.time.Duration;

import picocli.CommandLine.Option;

/** How to reach a Kafka Connect cluster: shared by every {@code ficus connectors} command that talks to Connect. */
public final class ConnectOptions {

    @Option(names = "--connect-url", paramLabel = "URL", defaultValue = "${env:FICUS_CONNECT_URL:-http://localhost:8083}",
            description = "Kafka Connect REST URL (http or https). Default: $FICUS_CONNECT_URL or ${DEFAULT-VALUE}")
    String url;

    @Option(names = "--connect-user", paramLabel = "USER", description = "Basic-auth user for the Connect REST API.")
    String user;

    @Option(names = "--connect-password-env", paramLabel = "VAR",
            description = "Environment variable that holds the basic-auth password (never on the command line).")
    String passwordEnv;

    @Option(names = "--truststore", paramLabel = "FILE",
            description = "PKCS12/JKS truststore for an https Connect URL (default: the JDK's trust store).")
    Path truststore;

    @Option(names = "--truststore-password-env", paramLabel = "VAR",
            description = "Environment variable that holds the truststore password.")
    String truststorePasswordEnv;

    @Option(names = "--request-timeout", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
            description = "Bound on one REST request. Default: ${DEFAULT-VALUE}")
    Duration requestTimeout;

    public ConnectClient client() {
        ConnectSettings settings = ConnectSettings.of(url).withTimeouts(ConnectSettings.DEFAULT_CONNECT_TIMEOUT,
                requestTimeout);
        if (user != null) {
            settings = settings.withBasicAuth(user, env(passwordEnv, "--connect-password-env"));
        }
        if (truststore != null) {
            String password = truststorePasswordEnv == null ? "" : env(truststorePasswordEnv, "--truststore-password-env");
            settings = settings.withTrustStore(truststore, password.toCharArray());
        }
        return new ConnectClient(settings);
    }

    private static String env(String variable, String option) {
        if (variable == null) {
            throw new FicusException.BadInput(option + " is required with --connect-user: name the environment "
                    + "variable that holds the password");
        }
        String value = System.getenv(variable);
        if (value == null) {
            throw new FicusException.BadInput(option + " " + variable + ": the environment variable is not set");
        }
        return value;
    }
}
