package ficus.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class DurationConverterTest {

    @ParameterizedTest
    @CsvSource({"60s,PT60S", "5m,PT5M", "1h30m,PT1H30M", "500ms,PT0.5S", "2d,PT48H", "PT90S,PT1M30S", "90S,PT1M30S"})
    void shouldReadDurationsAsPeopleWriteThem(String text, String expected) {
        assertThat(DurationConverter.parse(text)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"banana", "", "60", "s", "1h 30m", "-5s", "5x", "PT-5S"})
    void shouldRejectWhatIsNotADuration(String text) {
        assertThatThrownBy(() -> DurationConverter.parse(text))
                .isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessageContaining("is not a duration");
    }
}
