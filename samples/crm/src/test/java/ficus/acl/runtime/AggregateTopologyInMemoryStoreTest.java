package ficus.acl.runtime;

/** Every golden case of {@link AggregateTopologyTest} with the in-memory aggregate store. */
class AggregateTopologyInMemoryStoreTest extends AggregateTopologyTest {

    @Override
    AggregateStoreKind storeKind() {
        return AggregateStoreKind.IN_MEMORY;
    }
}
