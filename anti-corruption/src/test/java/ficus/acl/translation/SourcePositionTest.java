package ficus.acl.translation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourcePositionTest {

    @Test
    void shouldFormatAsFixedWidthUpperCaseHex() {
        assertThat(SourcePosition.streamed(24023128L, 24023184L).format())
                .isEqualTo("1/00000000016E9058/00000000016E9090");
        assertThat(SourcePosition.snapshot(0xABCDEFL).format()).isEqualTo("0/0000000000000000/0000000000ABCDEF");
    }

    @Test
    void shouldParseWhatItFormats() {
        SourcePosition position = SourcePosition.streamed(0x7FFF_FFFF_FFFF_FFFFL, 42L);
        assertThat(SourcePosition.parse(position.format())).isEqualTo(position);
        assertThat(SourcePosition.parse("0/0000000000000000/00000000016E9090"))
                .isEqualTo(SourcePosition.snapshot(24023184L));
    }

    @Test
    void shouldRejectTextThatIsNotAPosition() {
        for (String bad : List.of("", "1/16E9058/16E9090", "2/0000000000000000/0000000000000000",
                "1/00000000016e9058/00000000016E9090", "1/00000000016E9058/00000000016E9090 ")) {
            assertThatThrownBy(() -> SourcePosition.parse(bad)).as("'%s'", bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a source position");
        }
    }

    @Test
    void shouldOrderSnapshotReadsBeforeStreamedChangesThenByCommitThenByLsn() {
        SourcePosition snapshot = SourcePosition.snapshot(900L);
        SourcePosition earlyCommit = SourcePosition.streamed(100L, 950L);
        SourcePosition sameCommitLaterLsn = SourcePosition.streamed(100L, 960L);
        SourcePosition laterCommitSmallerLsn = SourcePosition.streamed(200L, 120L);
        assertThat(List.of(laterCommitSmallerLsn, sameCommitLaterLsn, snapshot, earlyCommit).stream().sorted())
                .containsExactly(snapshot, earlyCommit, sameCommitLaterLsn, laterCommitSmallerLsn);
        assertThat(sameCommitLaterLsn.isAfter(earlyCommit)).isTrue();
        assertThat(earlyCommit.isAfter(earlyCommit)).isFalse();
    }

    @Test
    void shouldOrderTheTextExactlyAsThePositions() {
        List<SourcePosition> positions = new ArrayList<>();
        long[] lsns = {0L, 1L, 15L, 16L, 255L, 0x16E9090L, 0xFFFF_FFFFL, 0x1_0000_0000L, Long.MAX_VALUE, -1L};
        for (int phase = 0; phase <= 1; phase++) {
            for (long commit : lsns) {
                for (long lsn : lsns) {
                    positions.add(new SourcePosition(phase, phase == 0 ? 0 : commit, lsn));
                }
            }
        }
        List<SourcePosition> byValue = positions.stream().sorted().toList();
        List<SourcePosition> byText = positions.stream()
                .sorted(Comparator.comparing(SourcePosition::format)).toList();
        assertThat(byText).isEqualTo(byValue);
    }

    @Test
    void shouldWriteARevisionOnlyWhenThereIsOneAndReadOldThreePartText() {
        SourcePosition base = SourcePosition.streamed(0x300, 0x308);
        assertThat(base.nextRevision().format()).isEqualTo("1/0000000000000300/0000000000000308/0001");
        assertThat(base.nextRevision().nextRevision().format()).isEqualTo("1/0000000000000300/0000000000000308/0002");
        assertThat(SourcePosition.parse("1/0000000000000300/0000000000000308")).isEqualTo(base);
        assertThat(SourcePosition.parse("1/0000000000000300/0000000000000308/00FF").revision()).isEqualTo(255);
        assertThat(base.nextRevision().base()).isEqualTo(base);
        assertThat(base.nextRevision().format()).hasSize(40);
        assertThatThrownBy(() -> SourcePosition.parse("1/0000000000000300/0000000000000308/0000"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SourcePosition(1, 0, 0, SourcePosition.MAX_REVISION).nextRevision())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldOrderRevisionsBetweenTheirBaseAndTheNextSourcePositionAsTheTextDoes() {
        SourcePosition base = SourcePosition.streamed(0x300, 0x308);
        List<SourcePosition> positions = List.of(SourcePosition.streamed(0x300, 0x309), base.nextRevision(),
                base, base.nextRevision().nextRevision(), SourcePosition.snapshot(0x308).nextRevision(),
                new SourcePosition(1, 0x300, 0x308, SourcePosition.MAX_REVISION));
        List<String> byText = new ArrayList<>(positions.stream().map(SourcePosition::format).toList());
        byText.sort(Comparator.naturalOrder());
        assertThat(positions.stream().sorted().map(SourcePosition::format).toList()).containsExactlyElementsOf(byText);
        assertThat(base.nextRevision().isAfter(base)).isTrue();
        assertThat(SourcePosition.streamed(0x300, 0x309).isAfter(base.nextRevision().nextRevision())).isTrue();
    }
}
