--liquibase formatted sql

--changeset ficus:lead-routing-1-table
--comment: Per customer, whether new and open leads may be routed to sales, from customer-status's own events.
CREATE TABLE customer_routing (
    customer_id   BIGINT      NOT NULL,
    routable      BOOLEAN     NOT NULL,
    reason        VARCHAR(16) NOT NULL,
    position      VARCHAR(40) NOT NULL,
    last_event_id VARCHAR(64) NOT NULL,
    since         TIMESTAMPTZ NOT NULL,
    applied_at    TIMESTAMPTZ NOT NULL,
    CONSTRAINT customer_routing_pk PRIMARY KEY (customer_id)
);

--changeset ficus:lead-routing-2-parked-index
CREATE INDEX customer_routing_parked_idx ON customer_routing (routable, customer_id);
