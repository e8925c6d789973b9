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

--changeset order-tracking:2-seen-order
--comment: Every order this component has seen: the last event applied. Replace with your own read model.
CREATE TABLE seen_order (
    subject         VARCHAR(200) NOT NULL,
    last_event_type VARCHAR(200) NOT NULL,
    position        VARCHAR(40)  NOT NULL,
    removed         BOOLEAN      NOT NULL,
    CONSTRAINT seen_order_pk PRIMARY KEY (subject)
);
