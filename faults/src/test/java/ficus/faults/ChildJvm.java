package ficus.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Java main in a JVM of its own, on this test's class path, its output in a log file: the unit a fault case kills.
 * {@link #kill()} is SIGKILL (no shutdown hook runs, nothing is flushed); {@link #stop()} is SIGTERM and a wait.
 */
final class ChildJvm implements AutoCloseable {

    private final String name;
    private final Path log;
    private final Process process;

    private ChildJvm(String name, Path log, Process process) {
        this.name = name;
        this.log = log;
        this.process = process;
    }

    static ChildJvm start(String name, Path log, List<String> jvmArgs, Map<String, String> env, String mainClass,
            List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(env);
            return new ChildJvm(name, log, builder.start());
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL, and waits until the process is gone. */
    void kill() {
        process.destroyForcibly();
        waitGone(Duration.ofSeconds(30));
    }

    /** SIGTERM (shutdown hooks run), then SIGKILL if it is still there after {@code grace}. */
    void stop(Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }

    private void waitGone(Duration atMost) {
        try {
            if (!process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(name + " (pid " + process.pid() + ") still runs after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes a thread dump of the JVM (jcmd Thread.print) next to its log, for a case that failed; returns where. */
    Path dumpThreads() {
        Path dump = log.resolveSibling(name + "-threads-" + System.currentTimeMillis() + ".txt");
        if (!process.isAlive()) {
            return dump;
        }
        try {
            new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(process.pid()), "Thread.print").redirectErrorStream(true)
                    .redirectOutput(dump.toFile()).start().waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            return dump;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return dump;
    }

    /** The last lines of its log, for a failure message. */
    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(20));
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + (process.isAlive() ? "" : ", exited " + process.exitValue()) + ")";
    }
}
