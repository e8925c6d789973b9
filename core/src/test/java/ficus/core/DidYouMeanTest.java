package ficus.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DidYouMeanTest {

    @Test
    void shouldSuggestTheClosestNameWithinTwoEditsWhateverItsCase() {
        assertThat(DidYouMean.suggestion("currncy", List.of("total", "currency", "status")))
                .isEqualTo(" (did you mean 'currency'?)");
        assertThat(DidYouMean.closest("sku", List.of("Sku", "qty"), 3)).contains("Sku");
    }

    @Test
    void shouldSuggestNothingWhenEveryNameIsFarOff() {
        assertThat(DidYouMean.suggestion("shoeSize", List.of("status", "total"))).isEmpty();
        assertThat(DidYouMean.closest("x", List.of(), 3)).isEmpty();
    }

    @Test
    void shouldCountSingleCharacterEdits() {
        assertThat(DidYouMean.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(DidYouMean.distance("", "abc")).isEqualTo(3);
        assertThat(DidYouMean.distance("same", "same")).isZero();
    }
}
