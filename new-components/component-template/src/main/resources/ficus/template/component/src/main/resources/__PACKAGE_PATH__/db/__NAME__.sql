--liquibase formatted sql

--changeset __NAME__:1-seen-customer
--comment: Every customer this component has seen, with the status of the last event applied. Replace with your own.
CREATE TABLE seen_customer (
    customer_id        BIGINT      NOT NULL,
    status             VARCHAR(16) NOT NULL,
    position           VARCHAR(40) NOT NULL,
    last_event_id      VARCHAR(64) NOT NULL,
    legacy_commit_time TIMESTAMPTZ NOT NULL,
    CONSTRAINT seen_customer_pk PRIMARY KEY (customer_id)
);
