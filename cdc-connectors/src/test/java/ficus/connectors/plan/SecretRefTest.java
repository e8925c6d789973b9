package ficus.connectors.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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
}
