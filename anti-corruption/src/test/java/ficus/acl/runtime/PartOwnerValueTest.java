package ficus.acl.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ficus.acl.aggregate.AggregateKey;
import ficus.acl.translation.SourcePosition;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The values of the part-owner store: the position that set it, the typed aggregate key and its placement. */
class PartOwnerValueTest {

    @Test
    void shouldWriteTheOwnerWithItsPositionAndReadItBack() {
        ChangeRouter.Owner owner = new ChangeRouter.Owner(AggregateKey.of(1_000_002L),
                "{\"voyage_id\":1000002}".getBytes(StandardCharsets.UTF_8), SourcePosition.streamed(0x300, 0x308));
        assertThat(owner.format()).startsWith("1/0000000000000300/0000000000000308 ");
        ChangeRouter.Owner read = ChangeRouter.Owner.parse(owner.format());
        assertThat(read.key()).isEqualTo(owner.key());
        assertThat(read.key().values()).containsExactly(1_000_002L);
        assertThat(read.placement()).isEqualTo(owner.placement());
        assertThat(read.position()).isEqualTo(owner.position());
    }

    @Test
    void shouldKeepACompositeKeyWithItsTypesAndSeparatorsInside() {
        AggregateKey key = AggregateKey.of(List.of(7L, "a:b c"), ":");
        ChangeRouter.Owner owner = new ChangeRouter.Owner(key,
                "{\"Tenant\":7,\"Code\":\"a:b c\"}".getBytes(StandardCharsets.UTF_8), SourcePosition.snapshot(0x10));
        ChangeRouter.Owner read = ChangeRouter.Owner.parse(owner.format());
        assertThat(read.key()).isEqualTo(key);
        assertThat(read.key().text()).isEqualTo("7:a%3Ab c");
        assertThat(new String(read.placement(), StandardCharsets.UTF_8)).isEqualTo("{\"Tenant\":7,\"Code\":\"a:b c\"}");
    }
}
