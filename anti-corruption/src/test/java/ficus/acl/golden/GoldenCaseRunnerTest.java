package ficus.acl.golden;

import static org.assertj.core.api.Assertions.assertThat;

import ficus.acl.spec.TranslationSpec;
import ficus.acl.spec.yaml.TranslationSpecLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The golden-case runner on the engine's own specs: it passes what holds, and says what does not. */
class GoldenCaseRunnerTest {

    private static final Path SPECS = Path.of(System.getProperty("basedir", "."))
            .resolve("src/test/resources/ficus/specs");

    @TempDir
    Path dir;

    private GoldenCase write(String yaml, TranslationSpec spec) throws IOException {
        Path file = dir.resolve("case.yaml");
        Files.writeString(file, yaml);
        return GoldenCaseLoader.load(file, spec);
    }

    private static TranslationSpec spec(String name) {
        return TranslationSpecLoader.load(SPECS.resolve(name));
    }

    private static final String NOTE_WRITTEN_THEN_EDITED = """
            name: a note written, then edited
            given:
              - { table: wiki.note, op: c, after: { note_id: 1, title: Tides, body: null, edited_by: ada } }
              - { table: wiki.note, op: u, before: null, after: { note_id: 1, title: Tides, body: Moon, edited_by: ada } }
              - { table: wiki.note, op: c, after: { note_id: 2, title: null, body: null, edited_by: ada } }
            expect:
              events:
                - { type: NoteWritten, key: "1", state: { noteId: 1, title: Tides, body: null } }
                - { type: NoteEdited, key: "1", state: { body: Moon }, changed: [body] }
              deadLetters:
                - { kind: SCHEMA_DRIFT, reason: "title" }
            """;

    @Test
    void shouldPassACaseWhoseExpectationsHold() throws IOException {
        TranslationSpec spec = spec("minimal.yaml");
        GoldenCaseRunner.Result result = new GoldenCaseRunner(spec).run(write(NOTE_WRITTEN_THEN_EDITED
                .replace("kind: SCHEMA_DRIFT", "kind: null"), spec));
        assertThat(result.failures()).isEmpty();
        assertThat(result.passed()).isTrue();
    }

    @Test
    void shouldReportAWrongTypeAWrongValueAWrongChangedListAndAMissingEventSayingWhatWasPublished()
            throws IOException {
        TranslationSpec spec = spec("minimal.yaml");
        GoldenCase wrong = write(NOTE_WRITTEN_THEN_EDITED.replace("kind: SCHEMA_DRIFT", "kind: null")
                .replace("    - { type: NoteEdited, key: \"1\", state: { body: Moon }, changed: [body] }\n",
                        "    - { type: NoteRetitled, key: \"1\", state: { body: Sun }, changed: [title] }\n"
                                + "    - { type: NoteDeleted, key: \"1\" }\n"), spec);
        assertThat(wrong.events()).extracting(GoldenCase.ExpectedEvent::type).containsExactly("NoteWritten",
                "NoteRetitled", "NoteDeleted");

        GoldenCaseRunner.Result result = new GoldenCaseRunner(spec).run(wrong);

        assertThat(result.passed()).isFalse();
        assertThat(result.failures()).hasSize(2);
        assertThat(result.failures().get(0)).startsWith("event 2 (NoteEdited 1): ")
                .contains("type NoteEdited, expected NoteRetitled")
                .contains("state.body is \"Moon\", expected \"Sun\"")
                .contains("changed [body], expected [title]")
                .contains("published: ");
        assertThat(result.failures().get(1)).startsWith("event 3: expected NoteDeleted 1, but only 2 event(s)");
    }

    @Test
    void shouldReportADeadLetterOfAnotherKindAndOneNotExpected() throws IOException {
        TranslationSpec spec = spec("minimal.yaml");
        GoldenCaseRunner.Result wrongKind = new GoldenCaseRunner(spec).run(write(NOTE_WRITTEN_THEN_EDITED
                .replace("kind: SCHEMA_DRIFT", "kind: UNKNOWN_CODE"), spec));
        assertThat(wrongKind.failures()).singleElement().asString().startsWith("dead letter 1: ")
                .contains("expected UNKNOWN_CODE with a reason containing 'title'");

        GoldenCaseRunner.Result unexpected = new GoldenCaseRunner(spec).run(write(NOTE_WRITTEN_THEN_EDITED
                .replace("  deadLetters:\n    - { kind: SCHEMA_DRIFT, reason: \"title\" }\n", ""), spec));
        assertThat(unexpected.failures()).singleElement().asString()
                .startsWith("dead letter 1: not expected, but written: ");
    }

    @Test
    void shouldReportThatAnOrderDependentSpecEndsDifferentlyInAnotherArrivalOrder() throws IOException {
        TranslationSpec spec = spec("order-dependent.yaml");
        // a tag after its note changes no field a rule names: no event; a tag before it is in the registration
        GoldenCase tagAfterNote = write("""
                name: a tag after its note
                given:
                  - { table: wiki.note, op: c, after: { note_id: 1, title: Tides } }
                  - { table: wiki.tag, op: c, after: { tag_id: 10, note_id: 1 } }
                expect:
                  events:
                    - { type: NoteWritten, key: "1", state: { tags: 0 } }
                """, spec);

        GoldenCaseRunner.Result result = new GoldenCaseRunner(spec).run(tagAfterNote);

        assertThat(result.ordersTried()).isEqualTo(2);
        assertThat(result.failures()).singleElement().asString()
                .startsWith("arrival order [1, 0]: tagged 1 ends as")
                .contains("\"tags\":1").contains("but in the given order as").contains("\"tags\":0");
    }

    @Test
    void shouldNotReplayACaseThatSaysSo() throws IOException {
        TranslationSpec spec = spec("order-dependent.yaml");
        GoldenCaseRunner.Result result = new GoldenCaseRunner(spec).run(write("""
                name: a tag after its note, in this order only
                reorder: false
                given:
                  - { table: wiki.note, op: c, after: { note_id: 1, title: Tides } }
                  - { table: wiki.tag, op: c, after: { tag_id: 10, note_id: 1 } }
                expect:
                  events:
                    - { type: NoteWritten, key: "1", state: { tags: 0 } }
                """, spec));
        assertThat(result.ordersTried()).isEqualTo(1);
        assertThat(result.failures()).isEmpty();
    }

    @Test
    void shouldRefuseAChangeOfATableTheSpecDoesNotRead() throws IOException {
        TranslationSpec spec = spec("minimal.yaml");
        GoldenCaseRunner.Result result = new GoldenCaseRunner(spec).run(write("""
                name: a change of another table
                given:
                  - { table: wiki.page, op: c, after: { page_id: 1 } }
                expect:
                  events: []
                """, spec));
        assertThat(result.failures()).singleElement().asString().contains("the spec reads no table wiki.page");
    }

    @Test
    void shouldRunTheVoyageCasesInManyArrivalOrders() {
        Path voyage = SPECS.resolve("voyage.yaml");
        TranslationSpec spec = TranslationSpecLoader.load(voyage);
        List<GoldenCase> cases = GoldenCaseLoader.loadAll(GoldenCaseLoader.casesFolder(voyage), spec);
        assertThat(cases).isNotEmpty();
        for (GoldenCaseRunner.Result result : new GoldenCaseRunner(spec).runAll(cases)) {
            assertThat(result.failures()).as(result.goldenCase().toString()).isEmpty();
            assertThat(result.ordersTried()).isEqualTo(GoldenCaseRunner.MAX_ORDERS);
        }
    }
}
