package ficus.cli.topics;

import static org.assertj.core.api.Assertions.assertThat;

import ficus.cli.Ficus;
import ficus.sandbox.Sandbox;
import ficus.sandbox.SandboxExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code ficus topics tail} on the sandbox broker: a Debezium-shaped raw record, a CloudEvents domain event and a dead
 * letter, each printed with its key, headers and pretty JSON value; {@code --json}, {@code --key}, {@code --limit}.
 */
@ExtendWith(SandboxExtension.class)
class TopicsTailIT {

    @Test
    void shouldPrintRawDomainAndDeadLetterRecordsWithKeyHeadersAndPrettyJson(Sandbox sandbox) {
        String raw = "tail.crm.cust";
        String domain = "tail.customer.v1";
        String dlq = "tail.dlq.customer";
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                sandbox.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(raw, 0, "{\"cust_id\":7}",
                    "{\"before\":null,\"after\":{\"cust_id\":7,\"cst_nm\":\"Ada\"},\"op\":\"c\"}"));
            producer.send(new ProducerRecord<>(raw, 0, "{\"cust_id\":8}",
                    "{\"before\":null,\"after\":{\"cust_id\":8,\"cst_nm\":\"Bob\"},\"op\":\"c\"}"));
            ProducerRecord<String, String> event = new ProducerRecord<>(domain, 0, "7",
                    "{\"customerId\":\"7\",\"name\":\"Ada\"}");
            event.headers().add("ce_type", "crm.CustomerRegistered.v1".getBytes(StandardCharsets.UTF_8));
            event.headers().add("ce_id", "0b7c".getBytes(StandardCharsets.UTF_8));
            producer.send(event);
            ProducerRecord<String, String> letter = new ProducerRecord<>(dlq, 0, "{\"cust_id\":9}", "not json at all");
            letter.headers().add("ficus_dlq_reason", "unknown status 'Z'".getBytes(StandardCharsets.UTF_8));
            producer.send(letter);
            producer.flush();
        }

        String rawOut = tail(sandbox, raw, "--from-beginning", "--limit", "2");
        assertThat(rawOut).contains(raw + "-0@0").contains("  key: {\"cust_id\":7}")
                .contains("  {\n    \"before\" : null,\n    \"after\" : {\n      \"cust_id\" : 7,")
                .contains(raw + "-0@1");

        assertThat(tail(sandbox, domain, "--from-beginning", "--limit", "1"))
                .contains("  key: 7\n  ce_type: crm.CustomerRegistered.v1\n  ce_id: 0b7c\n  {\n    \"customerId\" : \"7\"");

        assertThat(tail(sandbox, dlq, "--from-beginning", "--limit", "1"))
                .contains("  ficus_dlq_reason: unknown status 'Z'\n  not json at all");

        String json = tail(sandbox, raw, "--from-beginning", "--key", "{\"cust_id\":8}", "--json", "--timeout", "3s");
        assertThat(json.strip().lines()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("{\"topic\":\"" + raw + "\",\"partition\":0,\"offset\":1,")
                .contains("\"key\":\"{\\\"cust_id\\\":8}\"").contains("\"value\":{\"before\":null,\"after\":{\"cust_id\":8"));

        assertThat(tail(sandbox, raw, "--timeout", "2s")).as("from the end: nothing new").isEmpty();
    }

    @Test
    void shouldRejectAnUnknownTopicAsBadInput(Sandbox sandbox) {
        StringWriter err = new StringWriter();
        int code = Ficus.run(new String[] {"topics", "tail", "no.such.topic", "--bootstrap-servers",
                sandbox.bootstrapServers(), "--timeout", "1s"}, new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("no topic no.such.topic at " + sandbox.bootstrapServers());
    }

    private static String tail(Sandbox sandbox, String topic, String... options) {
        String[] args = new String[4 + options.length];
        args[0] = "topics";
        args[1] = "tail";
        args[2] = topic;
        args[3] = "--bootstrap-servers=" + sandbox.bootstrapServers();
        System.arraycopy(options, 0, args, 4, options.length);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Ficus.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).as("exit code; stderr: %s", err).isZero();
        return out.toString().replace(System.lineSeparator(), "\n");
    }
}
