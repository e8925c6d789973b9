package ficus.faults;

import ficus.components.ordertracking.OrderTrackingComponent;
import java.util.concurrent.CountDownLatch;

/**
 * The order-tracking component in a JVM of its own: {@code bootstrapServers topic jdbcUrl user password}. SIGTERM
 * closes it (the event in hand finishes and commits); SIGKILL stops it mid-batch.
 */
public final class OrderTrackingMain {

    private OrderTrackingMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        OrderTrackingComponent component = OrderTrackingComponent.start(args[0], args[1], args[2], args[3], args[4]);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            component.close();
            stopped.countDown();
        }, "order-tracking-stop"));
        System.out.println("order-tracking: consuming " + args[1]);
        stopped.await();
    }
}
