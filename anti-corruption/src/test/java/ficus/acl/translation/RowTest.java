package ficus.acl.translation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowTest {

    @Test
    void shouldReadDebeziumMicrosAndJdbcLocalDateTimeAsTheSameInstant() {
        Row debezium = Row.of(Map.of("crt_ts", 1_700_000_000_123_456L));
        Row jdbc = Row.of(Map.of("crt_ts", LocalDateTime.of(2023, 11, 14, 22, 13, 20, 123_456_000)));
        Row instant = Row.of(Map.of("crt_ts", Instant.parse("2023-11-14T22:13:20.123456Z")));
        assertThat(debezium.instant("crt_ts")).isEqualTo(Instant.parse("2023-11-14T22:13:20.123456Z"))
                .isEqualTo(jdbc.instant("crt_ts")).isEqualTo(instant.instant("crt_ts"));
    }

    @Test
    void shouldReadMicrosBeforeTheEpoch() {
        assertThat(Row.of(Map.of("t", -1L)).instant("t")).isEqualTo(Instant.parse("1969-12-31T23:59:59.999999Z"));
    }

    @Test
    void shouldTellAMissingColumnFromANullOne() {
        Map<String, Object> values = new HashMap<>();
        values.put("cst_eml", null);
        Row row = Row.of(values);
        assertThat(row.has("cst_eml")).isTrue();
        assertThat(row.isNull("cst_eml")).isTrue();
        assertThat(row.string("cst_eml")).isNull();
        assertThat(row.has("cst_nm")).isFalse();
        assertThatThrownBy(() -> row.string("cst_nm")).isInstanceOf(UntranslatableException.class)
                .hasMessageContaining("missing column cst_nm")
                .extracting(e -> ((UntranslatableException) e).column()).isEqualTo("cst_nm");
    }

    @Test
    void shouldReadWholeNumbersFromAnyIntegralRepresentation() {
        assertThat(Row.of(Map.of("id", 7)).longValue("id")).isEqualTo(7L);
        assertThat(Row.of(Map.of("id", 7L)).longValue("id")).isEqualTo(7L);
        assertThat(Row.of(Map.of("id", new BigDecimal("7"))).longValue("id")).isEqualTo(7L);
        assertThat(Row.of(Map.of("id", "7")).longValue("id")).isEqualTo(7L);
        assertThatThrownBy(() -> Row.of(Map.of("id", "seven")).longValue("id"))
                .isInstanceOf(UntranslatableException.class).hasMessageContaining("id").hasMessageContaining("seven");
    }

    @Test
    void shouldRefuseAValueOfTheWrongTypeNamingColumnAndValue() {
        assertThatThrownBy(() -> Row.of(Map.of("crt_ts", "yesterday")).instant("crt_ts"))
                .isInstanceOf(UntranslatableException.class).hasMessageContaining("crt_ts")
                .hasMessageContaining("yesterday");
    }

    @Test
    void shouldRecogniseTheToastPlaceholder() {
        Row row = Row.of(Map.of("cst_nts", Row.UNAVAILABLE_VALUE, "cst_nm", "Ada"));
        assertThat(row.isUnavailable("cst_nts")).isTrue();
        assertThat(row.isUnavailable("cst_nm")).isFalse();
    }

    @Test
    void shouldNotPrintValuesWhichMayBePersonalData() {
        assertThat(Row.of(Map.of("natl_id", "756.1234.5678.97")).toString()).doesNotContain("756");
    }

    @Test
    void shouldNotChangeWhenTheSourceMapChanges() {
        Map<String, Object> values = new HashMap<>(Map.of("cst_nm", "Ada"));
        Row row = Row.of(values);
        values.put("cst_nm", "Grace");
        assertThat(row.string("cst_nm")).isEqualTo("Ada");
    }
}
