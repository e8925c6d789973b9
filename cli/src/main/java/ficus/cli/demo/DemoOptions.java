package ficus.cli.demo;

import java.nio.file.Path;
import java.time.Duration;

/**
 * @param duration     how long the workload runs; null = until Ctrl-C
 * @param customers    customers seeded in the sample CRM
 * @param rate         legacy write operations per second
 * @param workDir      where the stack keeps its data
 * @param clean        remove workDir at the end
 * @param drainTimeout bound on waiting for the pipeline to drain
 */
public record DemoOptions(Duration duration, int customers, double rate, Path workDir, boolean clean,
                          Duration drainTimeout) {
}
