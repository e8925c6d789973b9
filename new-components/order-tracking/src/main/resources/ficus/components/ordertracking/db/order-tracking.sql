--liquibase formatted sql

--changeset order-tracking:1-applied-event
--comment: Every event this component applied, once per event id (ce_id is deterministic: a redelivery has the same).
CREATE TABLE applied_event (
    event_id    VARCHAR(64)  NOT NULL,
    event_type  VARCHAR(200) NOT NULL,
    subject     VARCHAR(200) NOT NULL,
    position    VARCHAR(40)  NOT NULL,
    applied_at  TIMESTAMPTZ  NOT NULL,
    CONSTRAINT applied_event_pk PRIMARY KEY (event_id)
);

--changeset order-tracking:2-tracked-order
--comment: Every order of sales.order.v1 as the last event applied says it is: status, money, lines, customer.
CREATE TABLE tracked_order (
    tenant          BIGINT       NOT NULL,
    order_no        BIGINT       NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    total           NUMERIC(14,2) NOT NULL, -- the money as legacy keeps it: two decimals, exact
    currency        TEXT         NOT NULL, -- the contract says text, no length: neither does this table
    line_count      INTEGER      NOT NULL,
    quantity        BIGINT       NOT NULL,
    customer_name   TEXT,
    shipments       BIGINT,
    removed         BOOLEAN      NOT NULL,
    last_event_type VARCHAR(200) NOT NULL,
    position        VARCHAR(40)  NOT NULL,
    CONSTRAINT tracked_order_pk PRIMARY KEY (tenant, order_no)
);
