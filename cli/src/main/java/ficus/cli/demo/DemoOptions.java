package ficus.cli.demo;

import java.nio.file.Path;
import java.time.Duration;

/**
 * @param duration     how long the workload runs; null = until Ctrl-C
 * @param customers    root rows seeded in the sample (customers of the CRM, orders of the orders sample)
 * @param rate         legacy write operations per second
 * @param workDir      where the stack keeps its data
 * @param clean        remove workDir at the end
 * @param drainTimeout bound on waiting for the pipeline to drain
 * @param sample       the sample legacy system to migrate
 * @param metricsPort  port of the demo's Prometheus endpoint on 127.0.0.1 (0: a free one)
 */
public record DemoOptions(Duration duration, int customers, double rate, Path workDir, boolean clean,
                          Duration drainTimeout, DemoSample sample, int metricsPort) {

    /** The CRM, as the demo runs by default, its metrics on a free port. */
    public DemoOptions(Duration duration, int customers, double rate, Path workDir, boolean clean,
            Duration drainTimeout) {
        this(duration, customers, rate, workDir, clean, drainTimeout, DemoSample.CRM, 0);
    }
}
