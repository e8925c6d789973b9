package ficus.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ficus.core.ExitCode;
import ficus.core.FicusException;

import org.junit.jupiter.api.Test;

class StackKindTest {

    @Test
    void shouldReadTheStackByItsSettingWhateverTheCase() {
        assertThat(StackKind.parse("testcontainers", "-Dficus.stack")).isEqualTo(StackKind.TESTCONTAINERS);
        assertThat(StackKind.parse(" Embedded ", "FICUS_STACK")).isEqualTo(StackKind.EMBEDDED);
    }

    @Test
    void shouldRejectAnUnknownStackNamingWhereItCameFromAndWhatIsAccepted() {
        assertThatThrownBy(() -> StackKind.parse("docker", "-Dficus.stack"))
                .isInstanceOf(FicusException.BadInput.class)
                .hasMessage("-Dficus.stack=docker is not a sandbox stack: use embedded or testcontainers")
                .satisfies(e -> assertThat(((FicusException) e).exitCode()).isEqualTo(ExitCode.BAD_INPUT));
    }
}
