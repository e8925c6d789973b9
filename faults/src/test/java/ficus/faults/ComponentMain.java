package ficus.faults;

import java.util.concurrent.CountDownLatch;

/**
 * A sample's component in a JVM of its own: {@code ORDERS|CRM bootstrapServers topic jdbcUrl user password}
 * ({@link FaultSample#startComponent}). SIGTERM closes it (the event in hand finishes and commits); SIGKILL stops it
 * mid-batch.
 */
public final class ComponentMain {

    private ComponentMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        FaultSample sample = FaultSample.valueOf(args[0]);
        AutoCloseable component = sample.startComponent(args[1], args[2], args[3], args[4], args[5]);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                component.close();
            } catch (Exception e) {
                System.err.println(sample.componentName + ": close failed: " + e);
            }
            stopped.countDown();
        }, "component-stop"));
        System.out.println(sample.componentName + ": consuming " + args[2]);
        stopped.await();
    }
}
