package ficus.kit.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class EnvelopeReaderTest {

    private static final String VALUE = """
            {"customerId":1000001,"type":"CustomerStatusChanged",
             "state":{"customerId":1000001,"name":"Ada Lovelace","email":"ada@example.org","status":"ACTIVE",
                      "registeredAt":"2023-11-14T22:13:20Z"},
             "changed":["status"],"previousStatus":"PROSPECT"}""";

    private final EnvelopeReader reader = new EnvelopeReader(new ObjectMapper());

    @Test
    void shouldReadAllAttributesDataAndCoordinatesOfAContractRecord() {
        var read = reader.read(record(contractHeaders(), VALUE));

        assertThat(read).isInstanceOf(EnvelopeReader.Read.Event.class);
        EventEnvelope e = ((EnvelopeReader.Read.Event) read).envelope();
        assertThat(e.id()).isEqualTo("6f1c1d0e-8d1a-5b7e-9d55-0a1b2c3d4e5f");
        assertThat(e.type()).isEqualTo("crm.CustomerStatusChanged.v1");
        assertThat(e.source()).isEqualTo("ficus://legacy/customer");
        assertThat(e.subject()).isEqualTo("1000001");
        assertThat(e.time()).isEqualTo(Instant.parse("2023-11-14T22:13:20.123Z"));
        assertThat(e.position()).isEqualTo("1/00000000016E8F10/00000000016E8F48");
        assertThat(e.data().path("state").path("status").asText()).isEqualTo("ACTIVE");
        assertThat(e.topic()).isEqualTo("crm.customer.v1");
        assertThat(e.partition()).isEqualTo(2);
        assertThat(e.offset()).isEqualTo(41L);
    }

    @Test
    void shouldReadCommitTimeGivenWithAnOffsetAsTheSameInstant() {
        Map<String, String> headers = contractHeaders();
        headers.put("ce_time", "2023-11-14T23:13:20.123+01:00");

        var read = (EnvelopeReader.Read.Event) reader.read(record(headers, VALUE));

        assertThat(read.envelope().time()).isEqualTo(Instant.parse("2023-11-14T22:13:20.123Z"));
    }

    @Test
    void shouldTreatEveryMissingRequiredHeaderAsPoisonNamingTheHeaderAndWhereItWas() {
        for (String required : CloudEventHeaders.REQUIRED) {
            Map<String, String> headers = contractHeaders();
            headers.remove(required);

            var read = reader.read(record(headers, VALUE));

            assertThat(read).as(required).isInstanceOf(EnvelopeReader.Read.Poison.class);
            var poison = (EnvelopeReader.Read.Poison) read;
            assertThat(poison.reason()).isEqualTo("missing header " + required);
            assertThat(poison.coordinates()).isEqualTo("crm.customer.v1/2@41");
        }
    }

    @Test
    void shouldTreatMalformedPositionAsPoison() {
        Map<String, String> headers = contractHeaders();
        headers.put("ce_ficusposition", "24023184");

        assertThat(reader.read(record(headers, VALUE))).isInstanceOfSatisfying(EnvelopeReader.Read.Poison.class,
                p -> assertThat(p.reason()).contains("ce_ficusposition").contains("24023184"));
    }

    @Test
    void shouldTreatUnparsableTimeAsPoison() {
        Map<String, String> headers = contractHeaders();
        headers.put("ce_time", "1700000000123");

        assertThat(reader.read(record(headers, VALUE))).isInstanceOfSatisfying(EnvelopeReader.Read.Poison.class,
                p -> assertThat(p.reason()).contains("ce_time"));
    }

    @Test
    void shouldTreatAnotherSpecVersionAsPoison() {
        Map<String, String> headers = contractHeaders();
        headers.put("ce_specversion", "0.3");

        assertThat(reader.read(record(headers, VALUE))).isInstanceOfSatisfying(EnvelopeReader.Read.Poison.class,
                p -> assertThat(p.reason()).contains("0.3"));
    }

    @Test
    void shouldTreatValueThatIsNotJsonAsPoison() {
        assertThat(reader.read(record(contractHeaders(), "{not json"))).isInstanceOfSatisfying(
                EnvelopeReader.Read.Poison.class, p -> assertThat(p.reason()).startsWith("value is not JSON"));
    }

    @Test
    void shouldTreatTombstoneAsPoison() {
        assertThat(reader.read(record(contractHeaders(), null))).isInstanceOfSatisfying(
                EnvelopeReader.Read.Poison.class, p -> assertThat(p.reason()).contains("tombstone"));
    }

    static Map<String, String> contractHeaders() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("ce_specversion", "1.0");
        h.put("ce_id", "6f1c1d0e-8d1a-5b7e-9d55-0a1b2c3d4e5f");
        h.put("ce_source", "ficus://legacy/customer");
        h.put("ce_type", "crm.CustomerStatusChanged.v1");
        h.put("ce_subject", "1000001");
        h.put("ce_time", "2023-11-14T22:13:20.123Z");
        h.put("ce_ficusposition", "1/00000000016E8F10/00000000016E8F48");
        h.put("content-type", "application/json");
        return h;
    }

    static ConsumerRecord<String, byte[]> record(Map<String, String> headers, String value) {
        var record = new ConsumerRecord<>("crm.customer.v1", 2, 41L, "1000001",
                value == null ? null : value.getBytes(StandardCharsets.UTF_8));
        headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        return record;
    }
}
