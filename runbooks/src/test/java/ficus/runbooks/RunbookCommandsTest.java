package ficus.runbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import ficus.cli.Ficus;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Every {@code ficus} command in a runbook's {@code sh} blocks is one the CLI accepts. */
class RunbookCommandsTest {

    private static final Pattern SH_BLOCK = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL);
    private static final Path RUNBOOKS = Path.of(System.getProperty("runbooks.dir", "."));

    record RunbookCommand(Path runbook, int line, String command) {
        @Override
        public String toString() {
            return runbook.getFileName() + ":" + line + ": " + command;
        }
    }

    static List<RunbookCommand> commands() throws IOException {
        List<RunbookCommand> commands = new ArrayList<>();
        try (Stream<Path> files = Files.list(RUNBOOKS)) {
            for (Path runbook : files.filter(p -> p.toString().endsWith(".md"))
                    .filter(p -> !p.getFileName().toString().equals("README.md")).sorted().toList()) {
                String text = Files.readString(runbook);
                Matcher block = SH_BLOCK.matcher(text);
                while (block.find()) {
                    int firstLine = text.substring(0, block.start(1)).split("\n", -1).length;
                    String[] lines = block.group(1).split("\n");
                    for (int i = 0; i < lines.length; i++) {
                        String line = lines[i].replaceAll("\\s+#.*$", "").strip();
                        if (line.startsWith("ficus ") || line.startsWith("./ficus ")) {
                            commands.add(new RunbookCommand(runbook, firstLine + i, line));
                        }
                    }
                }
            }
        }
        return commands;
    }

    /** Splits a command line as a POSIX shell would for the simple cases runbooks use: words, '...' and "...". */
    static List<String> shellWords(String line) {
        List<String> words = new ArrayList<>();
        Matcher m = Pattern.compile("\"([^\"]*)\"|'([^']*)'|(\\S+)").matcher(line);
        while (m.find()) {
            words.add(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3));
        }
        return words;
    }

    @Test
    void shouldSplitQuotedArgumentsAsTheShellDoes() {
        assertThat(shellWords("ficus x --where \"cust_id < 1000\" --t 'a b' c"))
                .containsExactly("ficus", "x", "--where", "cust_id < 1000", "--t", "a b", "c");
    }

    @Test
    void shouldFindCommandsInTheRunbooks() throws IOException {
        assertThat(commands()).extracting(RunbookCommand::command).contains("ficus demo --duration 60s");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void shouldOnlyUseCommandsAndOptionsTheCliKnows(RunbookCommand command) {
        List<String> args = shellWords(command.command());
        args.removeFirst();
        var cli = Ficus.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));

        assertThatCode(() -> cli.parseArgs(args.toArray(String[]::new)))
                .as(command.toString()).doesNotThrowAnyException();
    }
}
