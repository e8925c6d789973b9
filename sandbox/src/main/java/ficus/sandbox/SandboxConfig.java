package ficus.sandbox;

import java.nio.file.Path;

/**
 * How to start the embedded stack.
 *
 * @param workDir where PostgreSQL data, Kafka logs and Connect state live; wiped at start, so every start is fresh
 * @param brokerPartitions default partition count of auto-created topics (raw and domain topics)
 * @param deleteWorkDirOnClose remove {@code workDir} when the stack closes (tests); the demo keeps it for inspection
 */
public record SandboxConfig(Path workDir, int brokerPartitions, boolean deleteWorkDirOnClose) {

    public static SandboxConfig defaults(Path workDir) {
        return new SandboxConfig(workDir, 3, false);
    }

    public SandboxConfig deletingWorkDirOnClose() {
        return new SandboxConfig(workDir, brokerPartitions, true);
    }
}
