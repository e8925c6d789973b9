package ficus.acl.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ficus.acl.translation.SourcePosition;
import org.junit.jupiter.api.Test;

/** The values of the part-owner store: customer id and the position that set it; bare ids of earlier builds read. */
class PartOwnerValueTest {

    @Test
    void shouldWriteTheOwnerWithItsPositionAndReadItBack() {
        ChangeRouter.Owner owner = new ChangeRouter.Owner(1_000_002L, SourcePosition.streamed(0x300, 0x308));
        assertThat(owner.format()).isEqualTo("1000002 1/0000000000000300/0000000000000308");
        assertThat(ChangeRouter.Owner.parse(owner.format())).isEqualTo(owner);
    }

    @Test
    void shouldReadABareCustomerIdOfAnEarlierBuildAsAnOwnerWithoutPosition() {
        assertThat(ChangeRouter.Owner.parse("42")).isEqualTo(new ChangeRouter.Owner(42L, null));
        assertThat(new ChangeRouter.Owner(42L, null).format()).isEqualTo("42");
    }
}
