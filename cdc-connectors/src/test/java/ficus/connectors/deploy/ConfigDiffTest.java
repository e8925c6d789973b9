package ficus.connectors.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigDiffTest {

    @Test
    void shouldListAddedRemovedAndChangedKeysSortedWithSignsAndShowSecretsOnlyAsReferences() {
        ConfigDiff diff = ConfigDiff.between(
                Map.of("slot.name", "a", "poll.interval.ms", "500", "database.password", "hunter2", "old.option", "x",
                        "same", "1"),
                Map.of("slot.name", "a", "poll.interval.ms", "20", "database.password", "${env:PW}", "new.option", "y",
                        "same", "1"));

        assertThat(diff.isEmpty()).isFalse();
        assertThat(diff.changes()).extracting(ConfigDiff.Change::key)
                .containsExactly("database.password", "new.option", "old.option", "poll.interval.ms");
        assertThat(diff.render()).isEqualTo(String.join(System.lineSeparator(),
                "~ database.password: *** -> ${env:PW}",
                "+ new.option: y",
                "- old.option: x",
                "~ poll.interval.ms: 500 -> 20"));
        assertThat(diff.render()).doesNotContain("hunter2");
    }

    @Test
    void shouldShowEveryKeyAsAddedForANewConnectorAndSayNoChangesWhenEqual() {
        assertThat(ConfigDiff.between(null, Map.of("b", "2", "a", "1")).render())
                .isEqualTo("+ a: 1" + System.lineSeparator() + "+ b: 2");
        ConfigDiff none = ConfigDiff.between(Map.of("a", "1"), Map.of("a", "1"));
        assertThat(none.isEmpty()).isTrue();
        assertThat(none.render()).isEqualTo("no changes");
    }
}
