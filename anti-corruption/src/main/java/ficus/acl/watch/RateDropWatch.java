package ficus.acl.watch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The business-metric watch: per event type, flags a sharp drop of its rate against its own recent normal (an alert on
 * what the business does, not on CPU). Pure: it is handed cumulative counts and the time they were read at, so a test
 * drives it with synthetic series and no clock of its own.
 *
 * <p>Time is cut into windows of {@link Settings#window()}. When {@link #sample} sees that a window has passed, it
 * closes the window: each type's rate is its count's increase over the window's length. The type's <em>normal</em> is
 * the median of its first {@link Settings#warmUpWindows()} windows (not judged), then an exponentially weighted moving
 * average of its rates ({@link Settings#smoothing()}), each window counted at most at {@link Settings#burstCap()} ×
 * normal: a backlog drained in a burst (after a snapshot, a restart, a stall) must not become a normal that the
 * ordinary rate then seems to drop from. After the warm-up, a window whose rate is below
 * {@link Settings#dropRatio()} × normal counts as low; {@link Settings#consecutiveWindows()} low windows in a row flag
 * the type {@link State#DROPPED}. The normal does not learn from low windows (a sustained drop must not become the new
 * normal and silence the alert); the flag clears once a window's rate is back at {@link Settings#recoveryRatio()} ×
 * normal. A type whose normal is below {@link Settings#minimumNormalPerSecond()} is {@link State#LOW_TRAFFIC} and never
 * flagged: a handful of events a minute has no rate to drop from, and flagging it would flap.
 *
 * <p>Thread-safe: {@link #sample} and the readers may be called from different threads.
 */
public final class RateDropWatch {

    /**
     * @param window                 the length of one window, over which one rate is measured
     * @param smoothing              weight of the newest window in the normal (0 &lt; smoothing ≤ 1)
     * @param warmUpWindows          windows a type is watched before it is judged (its normal is learned meanwhile)
     * @param dropRatio              a window below this fraction of the normal is low
     * @param consecutiveWindows     low windows in a row that flag a drop
     * @param recoveryRatio          a flagged type is normal again once a window reaches this fraction of the normal
     * @param minimumNormalPerSecond below this normal a type is too quiet to judge
     * @param burstCap               the normal learns from a window's rate up to this multiple of itself
     */
    public record Settings(Duration window, double smoothing, int warmUpWindows, double dropRatio,
                           int consecutiveWindows, double recoveryRatio, double minimumNormalPerSecond,
                           double burstCap) {

        public Settings {
            Objects.requireNonNull(window, "window");
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("rate watch window must be positive, was " + window);
            }
            if (!(smoothing > 0 && smoothing <= 1)) {
                throw new IllegalArgumentException("rate watch smoothing must be in (0, 1], was " + smoothing);
            }
            if (warmUpWindows < 1 || consecutiveWindows < 1) {
                throw new IllegalArgumentException("rate watch warm-up and consecutive windows must be at least 1");
            }
            if (!(dropRatio > 0 && dropRatio < 1) || !(recoveryRatio >= dropRatio && recoveryRatio <= 1)) {
                throw new IllegalArgumentException("rate watch ratios must satisfy 0 < drop (" + dropRatio
                        + ") ≤ recovery (" + recoveryRatio + ") ≤ 1");
            }
            if (!(burstCap >= 1)) {
                throw new IllegalArgumentException("rate watch burst cap must be ≥ 1, was " + burstCap);
            }
            if (!(minimumNormalPerSecond >= 0)) {
                throw new IllegalArgumentException("rate watch minimum normal must be ≥ 0, was "
                        + minimumNormalPerSecond);
            }
        }

        /**
         * 10 s windows, normal weighted 0.2 for the newest window (learning from at most twice the normal), judged
         * after 6 windows (one minute), flagged below 30 % of normal for 3 windows in a row, cleared at 60 %, types
         * under 1 event/s not judged.
         */
        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(10), 0.2, 6, 0.3, 3, 0.6, 1.0, 2.0);
        }

        /** The defaults with another window length (the demo watches 5 s windows). */
        public Settings withWindow(Duration length) {
            return new Settings(length, smoothing, warmUpWindows, dropRatio, consecutiveWindows, recoveryRatio,
                    minimumNormalPerSecond, burstCap);
        }
    }

    /** Where one event type stands. */
    public enum State {
        /** Watched for no more than the warm-up windows: its normal is still being learned. */
        LEARNING,
        /** Its normal is below the minimum rate: too quiet to judge. */
        LOW_TRAFFIC,
        /** Its rate is within reach of its normal (or low for fewer windows than flag a drop). */
        NORMAL,
        /** Its rate has stayed below the drop ratio of its normal for the consecutive windows. */
        DROPPED
    }

    /**
     * One event type's reading after the last closed window.
     *
     * @param rate   events per second over the last closed window
     * @param normal its recent normal, events per second (NaN before its first window)
     */
    public record Reading(String type, State state, double rate, double normal) {
        public boolean dropped() {
            return state == State.DROPPED;
        }
    }

    private static final class Watched {
        long lastCount;
        int windows;
        int lowInARow;
        double rate;
        double normal = Double.NaN;
        State state = State.LEARNING;
        final List<Double> warmUp = new ArrayList<>();
    }

    private final Settings settings;
    private final Map<String, Watched> types = new TreeMap<>();
    private Instant windowStart;

    public RateDropWatch(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public Settings settings() {
        return settings;
    }

    /**
     * The cumulative count of events per type, read at {@code now}. The first call starts the first window; a call
     * that finds the current window over closes it (its length is the time since it started, at least the window) and
     * judges every type seen so far; other calls only note types seen for the first time. A type missing from
     * {@code counts} that was seen before counts as unchanged (no events).
     */
    public synchronized void sample(Instant now, Map<String, Long> counts) {
        Objects.requireNonNull(now, "now");
        if (windowStart == null) {
            windowStart = now;
            counts.forEach((type, count) -> types.computeIfAbsent(type, t -> new Watched()).lastCount = count);
            return;
        }
        Duration elapsed = Duration.between(windowStart, now);
        if (elapsed.compareTo(settings.window()) < 0) {
            counts.forEach((type, count) -> {
                if (!types.containsKey(type)) {
                    types.put(type, new Watched()); // its events so far count in the window that is open
                }
            });
            return;
        }
        double seconds = elapsed.toNanos() / 1e9;
        counts.keySet().forEach(type -> types.computeIfAbsent(type, t -> new Watched()));
        types.forEach((type, w) -> {
            long count = counts.getOrDefault(type, w.lastCount);
            judge(w, Math.max(0, count - w.lastCount) / seconds);
            w.lastCount = count;
        });
        windowStart = now;
    }

    private void judge(Watched w, double rate) {
        w.rate = rate;
        w.windows++;
        if (w.windows <= settings.warmUpWindows()) {
            w.warmUp.add(rate);
            w.normal = median(w.warmUp);
            w.state = State.LEARNING;
            if (w.windows == settings.warmUpWindows()) {
                w.warmUp.clear();
            }
            return;
        }
        if (w.normal < settings.minimumNormalPerSecond()) {
            w.normal = uncapped(w.normal, rate); // uncapped: a quiet type may become a busy one at once
            w.lowInARow = 0;
            w.state = State.LOW_TRAFFIC;
            return;
        }
        if (w.state == State.DROPPED) {
            if (rate >= settings.recoveryRatio() * w.normal) {
                w.lowInARow = 0;
                w.state = State.NORMAL;
                w.normal = learn(w.normal, rate);
            }
            return; // still dropped: the normal stays what it was before the drop
        }
        if (rate < settings.dropRatio() * w.normal) {
            w.lowInARow++;
            w.state = w.lowInARow >= settings.consecutiveWindows() ? State.DROPPED : State.NORMAL;
            return; // a low window does not teach the normal
        }
        w.lowInARow = 0;
        w.state = State.NORMAL;
        w.normal = learn(w.normal, rate);
    }

    private double learn(double normal, double rate) {
        return uncapped(normal, Math.min(rate, settings.burstCap() * normal));
    }

    private double uncapped(double normal, double rate) {
        return settings.smoothing() * rate + (1 - settings.smoothing()) * normal;
    }

    private static double median(List<Double> rates) {
        double[] sorted = rates.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** The reading of one type, or null if it was never seen. */
    public synchronized Reading reading(String type) {
        Watched w = types.get(type);
        return w == null ? null : new Reading(type, w.state, w.rate, w.normal);
    }

    /** Every type seen so far, by name. */
    public synchronized List<Reading> readings() {
        List<Reading> all = new ArrayList<>();
        types.forEach((type, w) -> all.add(new Reading(type, w.state, w.rate, w.normal)));
        return all;
    }

    /** The types flagged {@link State#DROPPED}, by name. */
    public synchronized List<Reading> dropped() {
        return readings().stream().filter(Reading::dropped).toList();
    }
}
