package ficus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

/** The CLI in-process: exit codes and what the user reads. */
public class FicusCliTest {

    public record Run(int exitCode, String out, String err) {
    }

    public static Run ficus(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Ficus.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void shouldRejectAMalformedDurationWithOneLineAndExitCode2() {
        Run run = ficus("demo", "--duration", "banana");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains("--duration").contains("'banana' is not a duration");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void shouldRejectAnUnknownOptionWithOneLineAndExitCode2() {
        Run run = ficus("demo", "--speed", "fast");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains("Unknown option").contains("--speed").contains("ficus demo --help");
    }

    @Test
    void shouldRejectAnUnknownCommandWithExitCode2() {
        Run run = ficus("migrate-everything");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip().lines()).hasSize(1);
    }

    @Test
    void shouldRejectANonPositiveRateWithExitCode2() {
        Run run = ficus("demo", "--rate", "0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--rate must be positive");
    }

    @Test
    void shouldExplainTheDemoAndItsDefaultsInHelp() {
        Run run = ficus("demo", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--duration", "--customers", "--rate", "--work-dir", "--drain-timeout")
                .contains("Default: 10000").contains("Exit 0 only when drift is 0");
    }

    @Test
    void shouldListCommandsAndExitCodesInTopLevelHelp() {
        Run run = ficus("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("demo", "sandbox", "Exit codes:", "130");
    }

    @Test
    void shouldRejectAnUnknownAggregateStoreOrNoThreadsBeforeConnectingToKafka() {
        Run store = ficus("acl", "run", "--bootstrap-servers", "127.0.0.1:1", "--store", "redis");
        assertThat(store.exitCode()).isEqualTo(2);
        assertThat(store.err().strip().lines()).hasSize(1);
        assertThat(store.err()).contains("ficus.acl.store: 'redis' is not rocksdb or in-memory");

        Run threads = ficus("acl", "run", "--bootstrap-servers", "127.0.0.1:1", "--threads", "0");
        assertThat(threads.exitCode()).isEqualTo(2);
        assertThat(threads.err()).contains("--threads must be at least 1");

        Run cache = ficus("acl", "run", "--bootstrap-servers", "127.0.0.1:1", "--cache-entries", "-1");
        assertThat(cache.exitCode()).isEqualTo(2);
        assertThat(cache.err()).contains("ficus.acl.aggregate.cache.entries: '-1'");
    }

    @Test
    void shouldExplainTheLayerOptionsInHelp() {
        Run run = ficus("acl", "run", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--store", "rocksdb", "in-memory", "--threads", "--cache-entries",
                "--streams-property", "--report-every");
    }
}
