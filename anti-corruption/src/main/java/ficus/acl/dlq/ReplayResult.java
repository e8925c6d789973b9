package ficus.acl.dlq;

/**
 * What {@code ficus dlq replay} did.
 *
 * @param replayed       dead letters re-published to the replay topic
 * @param nowTranslated  of those, how many the current spec translates (checked row by row before re-publishing)
 * @param stillRejected  of those, how many the current spec still rejects (the layer dead-letters them again, after
 *                       the replay position, so a later replay after another fix picks them up)
 */
public record ReplayResult(long replayed, long nowTranslated, long stillRejected) {
}
