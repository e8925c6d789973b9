package ficus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two {@code ficus} processes started at the same moment in one directory each write their own, intact log. */
class LogFilePerProcessIT {

    @Test
    void shouldLeaveTwoIntactLogsWhenTwoCommandsRunAtOnce(@TempDir Path dir) throws Exception {
        Path logback = Path.of("target", "classes", "logback.xml").toAbsolutePath();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            processes.add(new ProcessBuilder(java, "-Dlogback.configurationFile=" + logback, "-cp",
                    System.getProperty("java.class.path"), Ficus.class.getName(), "--version")
                    .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("out" + i).toFile())
                    .start());
        }
        List<Long> pids = new ArrayList<>();
        for (Process p : processes) {
            assertThat(p.waitFor()).isZero();
            pids.add(p.pid());
        }

        List<Path> logs;
        try (Stream<Path> files = Files.list(dir.resolve(".ficus").resolve("logs"))) {
            logs = files.sorted().toList();
        }
        assertThat(logs).hasSize(2);
        for (long pid : pids) {
            Path log = logs.stream().filter(l -> l.getFileName().toString().endsWith("-" + pid + ".log")).findFirst()
                    .orElseThrow(() -> new AssertionError("no log of pid " + pid + " in " + logs));
            String text = Files.readString(log);
            assertThat(text).contains("ficus --version (pid " + pid + ")").doesNotContain("\0");
        }
    }
}
