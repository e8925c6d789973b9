package ficus.cli.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Prometheus text-format scrape, read into samples (name, labels, value) for assertions. */
public record PrometheusText(List<Sample> samples, String text) {

    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private static final Pattern LINE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+\\d+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    public static PrometheusText parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line.strip());
            if (!m.matches()) {
                throw new IllegalArgumentException("not a Prometheus sample line: " + line);
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(2) != null) {
                Matcher l = LABEL.matcher(m.group(2));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(3))));
        }
        return new PrometheusText(samples, text);
    }

    /** The samples named {@code name} whose labels include the given pairs ({@code key, value, key, value...}). */
    public List<Sample> find(String name, String... labelPairs) {
        return samples.stream().filter(s -> s.name().equals(name) && hasLabels(s, labelPairs)).toList();
    }

    /** The single matching sample's value; NaN when none matches, an error when several do. */
    public double value(String name, String... labelPairs) {
        List<Sample> found = find(name, labelPairs);
        if (found.size() > 1) {
            throw new IllegalStateException(found.size() + " samples of " + name + " match " + List.of(labelPairs)
                    + ": " + found);
        }
        return found.isEmpty() ? Double.NaN : found.getFirst().value();
    }

    /** The largest value among the matching samples. */
    public OptionalDouble max(String name, String... labelPairs) {
        return find(name, labelPairs).stream().mapToDouble(Sample::value).max();
    }

    /** Whether any sample's name starts with {@code prefix} and has the given labels. */
    public boolean anyStartingWith(String prefix, String... labelPairs) {
        return samples.stream().anyMatch(s -> s.name().startsWith(prefix) && hasLabels(s, labelPairs));
    }

    private static boolean hasLabels(Sample s, String... pairs) {
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (!pairs[i + 1].equals(s.labels().get(pairs[i]))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return text;
    }
}
