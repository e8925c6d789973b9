package ficus.acl.runtime;

/**
 * Every golden case of {@link AggregateTopologyTest} with the aggregate cache off, so that each change reads its
 * aggregate back from the (RocksDB) store through the binary codec — the path a cache miss takes.
 */
class AggregateTopologyUncachedTest extends AggregateTopologyTest {

    @Override
    int cacheEntries() {
        return 0;
    }
}
