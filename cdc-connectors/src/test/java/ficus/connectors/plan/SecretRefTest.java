package ficus.connectors.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ficus.core.FicusException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretRefTest {

    @Test
    void shouldRoundTripBothReferenceKindsInConnectSyntax() {
        assertThat(SecretRef.parse("${env:PGPASSWORD}")).get().extracting(SecretRef::reference)
                .isEqualTo("${env:PGPASSWORD}");
        assertThat(SecretRef.parse("${file:/run/secrets/db.properties:legacy.password}")).get()
                .isEqualTo(new SecretRef.File("/run/secrets/db.properties", "legacy.password"))
                .extracting(SecretRef::reference).isEqualTo("${file:/run/secrets/db.properties:legacy.password}");
    }

    @Test
    void shouldNotTakeALiteralOrAnIncompleteReferenceForAReference() {
        assertThat(SecretRef.parse("hunter2")).isEmpty();
        assertThat(SecretRef.parse("${file:/no/key}")).isEmpty();
        assertThat(SecretRef.parse("${env:}")).isEmpty();
        assertThat(SecretRef.parse("${env:NOT-A-NAME}")).isEmpty();
        assertThat(SecretRef.parse("${vault:x}")).isEmpty();
    }

    @Test
    void shouldResolveAnEnvironmentReferenceOrNameTheUnsetVariable() {
        SecretRef ref = SecretRef.parse("${env:LEGACY_PW}").orElseThrow();

        assertThat(ref.resolve(Map.of("LEGACY_PW", "s3cret")::get)).isEqualTo("s3cret");
        assertThatThrownBy(() -> ref.resolve(Map.<String, String>of()::get))
                .isInstanceOf(FicusException.BadInput.class)
                .hasMessageStartingWith("${env:LEGACY_PW}: environment variable LEGACY_PW is not set here");
    }

    @Test
    void shouldResolveAFileReferenceFromThePropertiesFileOrNameWhatIsMissing(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("secrets.properties");
        Files.writeString(file, "legacy.password=s3cret\nother=x\n");

        assertThat(new SecretRef.File(file.toString(), "legacy.password").resolve()).isEqualTo("s3cret");
        assertThatThrownBy(() -> new SecretRef.File(file.toString(), "nope").resolve())
                .isInstanceOf(FicusException.BadInput.class)
                .hasMessage("${file:" + file + ":nope}: " + file + " has no key nope; add it (key=value) or fix the"
                        + " reference")
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> new SecretRef.File(dir.resolve("absent").toString(), "k").resolve())
                .isInstanceOf(FicusException.BadInput.class)
                .hasMessageContaining("no such file " + dir.resolve("absent"));
    }
}
