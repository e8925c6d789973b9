package ficus.kit.event;

import java.util.List;

/**
 * The Kafka header names of a CloudEvents 1.0 event in binary content mode, as Ficus publishes them (values are UTF-8
 * strings). {@code ce_ficusposition} is the Ficus extension carrying the source position of the change.
 */
public final class CloudEventHeaders {

    public static final String SPECVERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String SUBJECT = "ce_subject";
    public static final String TIME = "ce_time";
    public static final String POSITION = "ce_ficusposition";
    public static final String CONTENT_TYPE = "content-type";

    /** The only CloudEvents version Ficus reads. */
    public static final String SPEC_VERSION_1_0 = "1.0";

    /** Headers without which an event cannot be applied; a record missing one is a poison event. */
    public static final List<String> REQUIRED = List.of(SPECVERSION, ID, SOURCE, TYPE, SUBJECT, TIME, POSITION);

    private CloudEventHeaders() {
    }
}
