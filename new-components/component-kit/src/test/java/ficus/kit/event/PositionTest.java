package ficus.kit.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class PositionTest {

    @Test
    void shouldParseStreamedPositionIntoPhaseCommitLsnAndLsn() {
        Position p = Position.parse("1/00000000016E8F10/00000000016E8F48");

        assertThat(p.phase()).isEqualTo(1);
        assertThat(p.lastCommitLsn()).isEqualTo(0x16E8F10L);
        assertThat(p.lsn()).isEqualTo(0x16E8F48L);
        assertThat(p).hasToString("1/00000000016E8F10/00000000016E8F48");
    }

    @Test
    void shouldOrderStreamedChangeAfterSnapshotReadOfTheSameLsn() {
        Position snapshot = Position.parse("0/0000000000000000/00000000016E8F48");
        Position streamed = Position.parse("1/0000000000000000/0000000000000001");

        assertThat(streamed.isNewerThan(snapshot)).isTrue();
        assertThat(snapshot.isNewerThan(streamed)).isFalse();
    }

    @Test
    void shouldOrderByLastCommitLsnBeforeTheChangeOwnLsn() {
        // a change with a smaller own LSN in a transaction that committed later is newer
        Position earlierCommit = Position.parse("1/0000000000000200/0000000000000250");
        Position laterCommit = Position.parse("1/0000000000000300/0000000000000120");

        assertThat(laterCommit.isNewerThan(earlierCommit)).isTrue();
    }

    @Test
    void shouldNotConsiderAnEqualPositionNewer() {
        Position a = Position.parse("1/0000000000000200/0000000000000250");

        assertThat(a.isNewerThan(Position.parse(a.toString()))).isFalse();
        assertThat(a.compareTo(Position.parse(a.toString()))).isZero();
    }

    @Test
    void shouldCompareLsnsAboveTheSignedRangeAsUnsigned() {
        Position low = Position.parse("1/7FFFFFFFFFFFFFFF/0000000000000000");
        Position high = Position.parse("1/8000000000000000/0000000000000000");

        assertThat(high.isNewerThan(low)).isTrue();
    }

    @Test
    void shouldOrderExactlyAsTheFixedWidthTextOrders() {
        List<String> texts = List.of(
                "0/0000000000000000/0000000000000010", "0/0000000000000000/00000000000000FF",
                "1/0000000000000000/0000000000000001", "1/0000000000000009/000000000000000A",
                "1/000000000000000A/0000000000000009", "1/00000000000000A0/0000000000000000",
                "1/FFFFFFFFFFFFFFFF/0000000000000000", "0/0000000000000000/FFFFFFFFFFFFFFFF");
        List<String> byText = new ArrayList<>(texts);
        byText.sort(Comparator.naturalOrder());
        List<String> byPosition = texts.stream().map(Position::parse).sorted().map(Position::toString).toList();

        assertThat(byPosition).containsExactlyElementsOf(byText);
    }

    @Test
    void shouldRejectLowerCaseHexShortFieldsAndMissingPhase() {
        assertThatThrownBy(() -> Position.parse("1/00000000016e8f10/00000000016E8F48"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16 upper-hex digits");
        assertThatThrownBy(() -> Position.parse("1/16E8F10/16E8F48")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Position.parse("00000000016E8F10/00000000016E8F48"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Position.parse(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing");
    }

    @Test
    void shouldParseARevisionAndOrderItAfterItsBaseAndBeforeTheNextSourcePosition() {
        Position base = Position.parse("1/0000000000000300/0000000000000308");
        Position revised = Position.parse("1/0000000000000300/0000000000000308/0001");
        Position second = Position.parse("1/0000000000000300/0000000000000308/0002");
        Position next = Position.parse("1/0000000000000300/0000000000000309");

        assertThat(revised.revision()).isEqualTo(1);
        assertThat(revised).hasToString("1/0000000000000300/0000000000000308/0001");
        assertThat(base.revision()).isZero();
        assertThat(revised.isNewerThan(base)).isTrue();
        assertThat(second.isNewerThan(revised)).isTrue();
        assertThat(next.isNewerThan(second)).isTrue();
        assertThat(revised.toString()).hasSizeLessThanOrEqualTo(40);
    }

    @Test
    void shouldOrderRevisedPositionsExactlyAsTheirTextOrders() {
        List<String> texts = List.of("1/0000000000000300/0000000000000309", "1/0000000000000300/0000000000000308/0002",
                "1/0000000000000300/0000000000000308", "1/0000000000000300/0000000000000308/FFFF",
                "1/0000000000000300/0000000000000308/0001", "0/0000000000000000/0000000000000308/0001");
        List<String> byText = new ArrayList<>(texts);
        byText.sort(Comparator.naturalOrder());
        List<String> byPosition = texts.stream().map(Position::parse).sorted().map(Position::toString).toList();

        assertThat(byPosition).containsExactlyElementsOf(byText);
    }

    @Test
    void shouldRejectAWrittenZeroRevisionAndShortRevisions() {
        assertThatThrownBy(() -> Position.parse("1/0000000000000300/0000000000000308/0000"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("revision 0");
        assertThatThrownBy(() -> Position.parse("1/0000000000000300/0000000000000308/1"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
