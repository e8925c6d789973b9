package ficus.acl.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NameBasedUuidTest {

    @Test
    void isUuidNameUuidFromBytesOfTheUtf8Name() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 10_000; i++) {
            StringBuilder name = new StringBuilder("voyage|src.fleet.Voyage|1/");
            int extra = random.nextInt(40);
            for (int c = 0; c < extra; c++) {
                name.append((char) random.nextInt(32, 0x3000)); // ASCII and beyond: UTF-8 of several lengths
            }
            String text = name.toString();
            assertThat(NameBasedUuid.of(text)).isEqualTo(UUID.nameUUIDFromBytes(text.getBytes(StandardCharsets.UTF_8)));
        }
        assertThat(NameBasedUuid.of("")).isEqualTo(UUID.nameUUIDFromBytes(new byte[0]));
    }
}
