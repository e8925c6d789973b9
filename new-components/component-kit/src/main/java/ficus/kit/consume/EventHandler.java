package ficus.kit.consume;

/**
 * Applies one event of a type to the component's state, writing through {@link Delivery#tx()}. Throwing rolls the
 * whole transaction back and the event is retried (with backoff) until it applies or the consumer is closed.
 */
@FunctionalInterface
public interface EventHandler<T> {

    void apply(Delivery<T> delivery) throws Exception;
}
