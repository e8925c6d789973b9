package ficus.acl.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ficus.acl.spec.yaml.TranslationSpecLoader;
import ficus.core.FicusException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranslationSpecLoaderTest {

    private static final String MINIMAL = """
            translation: note
            context: wiki
            version: 1
            root:
              table: wiki.note
              key: note_id
              fields:
                noteId: { column: note_id, type: long, required: true }
            events:
              - { on: registered, type: NoteWritten }
            """;

    @Test
    void shouldLoadASpecWithACompositeQuotedKeyAListACountAndAReference() {
        TranslationSpec spec = TranslationSpecLoader.loadResource("ficus/specs/voyage.yaml");

        assertThat(spec.name()).isEqualTo("voyage");
        assertThat(spec.version()).isEqualTo(3);
        assertThat(spec.domainTopic()).isEqualTo("fleet.voyage.v3");
        assertThat(spec.deadLetterTopic()).isEqualTo("ficus.dlq.voyage");
        assertThat(spec.root().keyColumns()).containsExactly("Line", "VoyageNo");
        assertThat(spec.root().fieldNames()).containsExactly("line", "voyageNo", "state", "departsAt", "fare");
        assertThat(spec.root().fields().get(2).codes()).containsEntry("S", "SAILING").hasSize(3);
        assertThat(spec.parts()).extracting(PartSpec::name).containsExactly("legs", "bookings", "vessel");
        assertThat(spec.part("legs").orElseThrow().collect()).isEqualTo(PartSpec.Collect.LIST);
        assertThat(spec.part("legs").orElseThrow().link()).containsExactly("Line", "VoyageNo");
        assertThat(spec.part("vessel").orElseThrow().isReference()).isTrue();
        assertThat(spec.part("vessel").orElseThrow().via()).containsExactly("VesselId");
        assertThat(spec.events()).extracting(EventRule::type).containsExactly("VoyagePlanned", "VoyageStateChanged",
                "VoyageChanged", "VoyageCancelled");
        assertThat(spec.events().get(1).previous()).containsExactly("state");
    }

    @Test
    void shouldReportAnUnknownTypeWithFileLineAndField(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("note.yaml");
        Files.writeString(file, MINIMAL.replace("type: long", "type: integer"));

        assertThatThrownBy(() -> TranslationSpecLoader.load(file)).isInstanceOf(FicusException.BadInput.class)
                .hasMessage(file + ":8: root.fields.noteId.type: unknown type 'integer' (expected string, long, "
                        + "decimal, double, boolean, date, time, timestamp, instant, interval, uuid, json, bytes, enum, "
                        + "custom, or one of them with [] for an array)");
    }

    @Test
    void shouldReportAnUnknownKeyWhereItIs() {
        assertThatThrownBy(() -> TranslationSpecLoader.parse(MINIMAL.replace("  key: note_id",
                "  key: note_id\n  primaryKey: note_id"), "s.yaml"))
                .isInstanceOf(FicusException.BadInput.class)
                .hasMessageStartingWith("s.yaml:7: root.primaryKey: unknown key");
    }

    @Test
    void shouldReportAMissingFieldAtItsParent() {
        assertThatThrownBy(() -> TranslationSpecLoader.parse(MINIMAL.replace("  table: wiki.note\n", ""), "s.yaml"))
                .isInstanceOf(FicusException.BadInput.class)
                .hasMessage("s.yaml:5: root.table: missing");
    }

    @Test
    void shouldRefuseValuesBesideCodesAndAnUnknownConverterForACustomField() {
        assertThatThrownBy(() -> TranslationSpecLoader.parse(MINIMAL.replace(
                "    noteId: { column: note_id, type: long, required: true }",
                "    noteId: { column: note_id, type: long, required: true }\n"
                        + "    status: { column: stat, type: enum, values: [A], codes: { A: ACTIVE } }"), "s.yaml"))
                .hasMessage("s.yaml:9: root.fields.status.values: only an enum field without codes lists its values");
        assertThatThrownBy(() -> TranslationSpecLoader.parse("extension: " + TestExtension.NAME + "\n" + MINIMAL.replace(
                "    noteId: { column: note_id, type: long, required: true }",
                "    noteId: { column: note_id, type: long, required: true }\n"
                        + "    lang: { column: lang, type: custom, converter: iso-639-3 }"), "s.yaml"))
                .hasMessageStartingWith("s.yaml:10: root.fields.lang.converter: extension " + TestExtension.NAME
                        + " has no converter 'iso-639-3'");
    }

    @Test
    void shouldRejectAnExtensionThatIsNotOnTheClassPath() {
        assertThatThrownBy(() -> TranslationSpecLoader.parse("extension: magic\n" + MINIMAL, "s.yaml"))
                .hasMessageStartingWith("s.yaml:1: extension: no TranslationExtension named 'magic'");
    }

    @Test
    void shouldRejectAnEventRuleOnAFieldThatDoesNotExist() {
        assertThatThrownBy(() -> TranslationSpecLoader.parse(MINIMAL + "  - { on: changed, fields: [shoeSize], "
                + "type: NoteEdited }\n", "s.yaml"))
                .hasMessageStartingWith("s.yaml:11: events[1].fields: no field 'shoeSize'");
    }

    @Test
    void shouldRejectYamlThatDoesNotParse() {
        assertThatThrownBy(() -> TranslationSpecLoader.parse("translation: [note\n", "s.yaml"))
                .isInstanceOf(FicusException.BadInput.class).hasMessageContaining("s.yaml:")
                .hasMessageContaining("not valid YAML");
    }

    @Test
    void shouldNameTheFileThatDoesNotExist(@TempDir Path dir) {
        assertThatThrownBy(() -> TranslationSpecLoader.load(dir.resolve("nope.yaml")))
                .isInstanceOf(FicusException.BadInput.class).hasMessageContaining("nope.yaml: no such translation spec");
    }
}
