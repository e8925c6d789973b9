package ficus.acl.runtime;

import ficus.acl.aggregate.DomainEvent;
import ficus.acl.spec.TranslationSpec;
import ficus.acl.translation.Origin;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** The CloudEvents 1.0 attributes of a domain event, in Kafka binary content mode ({@code ce_*} headers, UTF-8). */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String SUBJECT = "ce_subject";
    public static final String TIME = "ce_time";
    /** Extension attribute {@code ficusposition}: the source position, monotonic per aggregate. */
    public static final String POSITION = "ce_ficusposition";
    public static final String CONTENT_TYPE = "content-type";

    private CloudEventHeaders() {
    }


    private static final byte[] SPEC_VERSION_1_0 = "1.0".getBytes(StandardCharsets.UTF_8);
    private static final byte[] APPLICATION_JSON = "application/json".getBytes(StandardCharsets.UTF_8);

    /**
     * The headers of one event: {@code source} {@code ficus://<capture source>/<translation>}, {@code type}
     * {@code <context>.<EventType>.v<version>}, {@code subject} the aggregate key's text, all from the spec.
     */
    public static Headers of(DomainEvent event, TranslationSpec spec, Origin origin) {
        return of(event, spec.cloudEventSource(origin.source()).getBytes(StandardCharsets.UTF_8),
                ascii(spec.cloudEventType(event.type())));
    }

    /**
     * The headers of one event, its {@code source} and {@code type} already encoded (the translation step keeps them
     * per capture source and event type).
     */
    static Headers of(DomainEvent event, byte[] source, byte[] type) {
        Header[] headers = {
            new RecordHeader(SPEC_VERSION, SPEC_VERSION_1_0.clone()),
            new RecordHeader(ID, ascii(event.eventId().toString())),
            new RecordHeader(SOURCE, source.clone()),
            new RecordHeader(TYPE, type.clone()),
            new RecordHeader(SUBJECT, event.key().text().getBytes(StandardCharsets.UTF_8)),
            new RecordHeader(TIME, ascii(IsoInstant.format(event.commitTime()))),
            new RecordHeader(POSITION, ascii(event.position().format())),
            new RecordHeader(CONTENT_TYPE, APPLICATION_JSON.clone())};
        return new RecordHeaders(headers);
    }

    /** UTF-8 of text known to be ASCII (ids, numbers, positions, times, type names). */
    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static void add(Headers headers, String key, String value) {
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }

    /** The UTF-8 value of the last header with this key, or {@code null}. */
    public static String text(Headers headers, String key) {
        Header header = headers == null ? null : headers.lastHeader(key);
        return header == null || header.value() == null ? null
                : new String(header.value(), StandardCharsets.UTF_8);
    }
}
