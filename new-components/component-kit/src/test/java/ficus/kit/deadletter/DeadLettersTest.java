package ficus.kit.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

    @Test
    void shouldKeepKeyValueAndHeadersAndAddTheReasons() {
        var original = new ConsumerRecord<>("crm.customer.v1", 2, 41L, "1000001".getBytes(StandardCharsets.UTF_8),
                "{not json".getBytes(StandardCharsets.UTF_8));
        original.headers().add("ce_type", "crm.CustomerStatusChanged.v1".getBytes(StandardCharsets.UTF_8));
        var letter = new DeadLetters.Letter(original, DeadLetters.Kind.FAILED, "failed 5 times;\n last: boom", 5,
                new IllegalStateException("boom"));

        ProducerRecord<byte[], byte[]> out = DeadLetters.toRecord("customer-status", "customer-status.dlq", letter,
                Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

        assertThat(out.topic()).isEqualTo("customer-status.dlq");
        assertThat(out.key()).isEqualTo(original.key());
        assertThat(out.value()).isEqualTo(original.value());
        assertThat(header(out, "ce_type")).isEqualTo("crm.CustomerStatusChanged.v1");
        assertThat(header(out, DeadLetterHeaders.REASON)).isEqualTo("failed 5 times; last: boom");
        assertThat(header(out, DeadLetterHeaders.KIND)).isEqualTo("failed");
        assertThat(header(out, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo("crm.customer.v1");
        assertThat(header(out, DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("2");
        assertThat(header(out, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("41");
        assertThat(header(out, DeadLetterHeaders.ATTEMPTS)).isEqualTo("5");
        assertThat(header(out, DeadLetterHeaders.COMPONENT)).isEqualTo("customer-status");
        assertThat(header(out, DeadLetterHeaders.EXCEPTION)).isEqualTo(IllegalStateException.class.getName());
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
