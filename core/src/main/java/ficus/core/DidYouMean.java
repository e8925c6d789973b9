package ficus.core;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * The known name closest to a mistyped one, for the "did you mean" of a one-line error: the fewest single-character
 * edits (Levenshtein distance, case-insensitive), within a bound. Spec, plan-check and read-model messages share it.
 */
public final class DidYouMean {

    private DidYouMean() {
    }

    /** The candidate fewer than {@code maxDistance} edits away from {@code name} (the first of the closest), or empty. */
    public static Optional<String> closest(String name, Collection<String> candidates, int maxDistance) {
        String best = null;
        int bestDistance = maxDistance;
        String wanted = name.toLowerCase(Locale.ROOT);
        for (String candidate : candidates) {
            int distance = distance(wanted, candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /** {@code " (did you mean 'x'?)"} for a candidate within two edits, else nothing. */
    public static String suggestion(String name, Collection<String> candidates) {
        return closest(name, candidates, 3).map(best -> " (did you mean '" + best + "'?)").orElse("");
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
