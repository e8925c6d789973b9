/**
 * Dead letters as a library for tooling ({@code ficus dlq list|show|replay}): counting, showing and replaying what the
 * layer could not translate. Replay re-publishes to the layer's replay topic, which the running layer also reads.
 */
package ficus.acl.dlq;
