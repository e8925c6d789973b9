package ficus.cli.metrics;

import picocli.CommandLine.Option;

/** {@code --metrics-port} and {@code --metrics-host}: where a long-running command serves its Prometheus metrics. */
public final class MetricsOptions {

    public static final String PORT_OPTION = "--metrics-port";

    @Option(names = PORT_OPTION, paramLabel = "PORT", defaultValue = "" + MetricsEndpoint.DEFAULT_PORT,
            description = "Port of the Prometheus endpoint (GET /metrics); 0 picks a free one, printed at start. "
                    + "Default: ${DEFAULT-VALUE}")
    int port = MetricsEndpoint.DEFAULT_PORT;

    @Option(names = "--metrics-host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address the metrics endpoint listens on (0.0.0.0 for every interface, so that a "
                    + "Prometheus on another machine can scrape it). Default: ${DEFAULT-VALUE}")
    String host = "127.0.0.1";

    /** Binds the endpoint. */
    public MetricsEndpoint start() {
        return MetricsEndpoint.start(host, port, PORT_OPTION);
    }

    public int port() {
        return port;
    }

    public String host() {
        return host;
    }
}
