package ficus.connectors.preflight;

/** The verdict of one preflight check. */
public enum Status {
    /** Ready. */
    PASS,
    /** Works, but risky (e.g. unlimited WAL retention); deploy goes ahead. */
    WARN,
    /** Would break capture or the legacy application; deploy refuses. */
    FAIL
}
