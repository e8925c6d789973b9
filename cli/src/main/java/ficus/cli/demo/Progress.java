package ficus.cli.demo;

import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;

/**
 * Where the demo tells the user what is happening. On a terminal the live figures share one line that is rewritten in
 * place; otherwise (a pipe, a CI log) a plain line every few seconds.
 */
public final class Progress {

    private static final Duration PLAIN_EVERY = Duration.ofSeconds(5);

    private final PrintWriter out;
    private final boolean terminal;
    private Instant lastPlain = Instant.EPOCH;
    private int lastWidth;

    public Progress(PrintWriter out) {
        this(out, isTerminal());
    }

    public Progress(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** A step that happened: always its own line. */
    public synchronized void step(String message) {
        clearLive();
        out.println(message);
        out.flush();
    }

    /** The live figures; rewritten in place on a terminal, throttled to one line per few seconds otherwise. */
    public synchronized void live(String figures) {
        if (terminal) {
            String padded = figures + " ".repeat(Math.max(0, lastWidth - figures.length()));
            out.print("\r" + padded);
            out.flush();
            lastWidth = figures.length();
        } else if (Duration.between(lastPlain, Instant.now()).compareTo(PLAIN_EVERY) >= 0) {
            lastPlain = Instant.now();
            out.println(figures);
            out.flush();
        }
    }

    private void clearLive() {
        if (terminal && lastWidth > 0) {
            out.print("\r" + " ".repeat(lastWidth) + "\r");
            lastWidth = 0;
        }
    }

    /** JDK 22+ says whether the console is a terminal; on 21 a console exists only for a terminal. */
    private static boolean isTerminal() {
        var console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = console.getClass().getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
