package ficus.cli;

import static org.assertj.core.api.Assertions.assertThat;


import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** {@code ficus demo} as a user runs it, in-process: its own stack, its exit code, its output, nothing left behind. */
class DemoCommandIT {

    @Test
    void shouldRunTheDemoEndToEndExitZeroAndLeaveNoServerBehind() throws Exception {
        Path workDir = Files.createTempDirectory("ficus-demo-cmd-it-");

        var run = FicusCliTest.ficus("demo", "--duration", "10s", "--customers", "1000", "--rate", "30",
                "--work-dir", workDir.toString(), "--clean", "--metrics-port", "0");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).containsPattern(
                "demo: captured=\\d+ translated=\\d+ applied=[1-9]\\d* dead_letters=\\d+ drift=0 "
                        + "freshness_p50_ms=\\d+ freshness_p99_ms=\\d+ snapshot_catchup_ms=-?\\d+");
        List<Integer> ports = stackPorts(run.out());
        assertThat(ports).hasSize(3);
        Matcher metrics = Pattern.compile("metrics: http://127\\.0\\.0\\.1:(\\d+)/metrics").matcher(run.out());
        assertThat(metrics.find()).as("the metrics endpoint line in: " + run.out()).isTrue();
        ports.add(Integer.parseInt(metrics.group(1)));
        for (int port : ports) {
            assertThat(listening(port)).as("port %d still listening after the demo", port).isFalse();
        }
        assertThat(ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(workDir.toString())))
                .as("processes still using the demo's work directory").isEmpty();
        assertThat(workDir).doesNotExist();
    }

    private static List<Integer> stackPorts(String out) {
        Matcher line = Pattern.compile("sandbox: (.*)").matcher(out);
        assertThat(line.find()).as("the sandbox line in: " + out).isTrue();
        Matcher port = Pattern.compile("127\\.0\\.0\\.1:(\\d+)").matcher(line.group(1));
        List<Integer> ports = new ArrayList<>();
        while (port.find()) {
            ports.add(Integer.parseInt(port.group(1)));
        }
        return ports;
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
