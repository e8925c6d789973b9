package ficus.connectors.deploy;

/** What a deploy did to the Connect cluster. */
public enum DeployOutcome {
    /** There was no connector of that name; it was created. */
    CREATED,
    /** The connector existed with another config; the config was replaced (Connect restarts it). */
    UPDATED,
    /** The connector existed with exactly the rendered config; nothing was sent. */
    UNCHANGED;

    public boolean changed() {
        return this != UNCHANGED;
    }
}
