package ficus.faults;

import ficus.components.customerstatus.CustomerStatusComponent;
import ficus.components.customerstatus.CustomerStatusSettings;
import java.util.concurrent.CountDownLatch;

/**
 * The customer-status component in a JVM of its own: {@code bootstrapServers topic jdbcUrl user password}. SIGTERM
 * closes it (the event in hand finishes and commits); SIGKILL stops it mid-batch.
 */
public final class CustomerStatusMain {

    private CustomerStatusMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        CustomerStatusComponent component = CustomerStatusComponent.start(CustomerStatusSettings.of(args[0], args[2],
                args[3], args[4]).withTopic(args[1]));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            component.close();
            stopped.countDown();
        }, "customer-status-stop"));
        System.out.println("customer-status: consuming " + args[1]);
        stopped.await();
    }
}
