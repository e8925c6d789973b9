--liquibase formatted sql

-- The changesets keep the identity they had in changelog.yaml (logicalFilePath), so a database migrated before the
-- move to SQL is not migrated twice. jOOQ reads this file too (DDLDatabase): comments are ignored there.

--changeset ficus:customer-status-1-table logicalFilePath:ficus/components/customerstatus/db/changelog.yaml
--comment: Latest known status per customer, with the position and legacy commit time of the event that set it.
CREATE TABLE customer_status (
    customer_id        BIGINT      NOT NULL,
    status             VARCHAR(16) NOT NULL,
    removed            BOOLEAN     NOT NULL,
    position           VARCHAR(40) NOT NULL,
    last_event_id      VARCHAR(64) NOT NULL,
    legacy_commit_time TIMESTAMPTZ NOT NULL,
    applied_at         TIMESTAMPTZ NOT NULL,
    CONSTRAINT customer_status_pk PRIMARY KEY (customer_id)
);

--changeset ficus:customer-status-2-status-index
--comment: GET /customers?status=... pages through one status in customer id order.
CREATE INDEX customer_status_status_idx ON customer_status (status, customer_id);

--changeset ficus:customer-status-3-applied-event
--comment: Every event this component applied, once per event id (ce_id is deterministic: a redelivery has the same id).
CREATE TABLE applied_event (
    event_id    VARCHAR(64)  NOT NULL,
    event_type  VARCHAR(200) NOT NULL,
    subject     VARCHAR(200) NOT NULL,
    position    VARCHAR(40)  NOT NULL,
    applied_at  TIMESTAMPTZ  NOT NULL,
    CONSTRAINT applied_event_pk PRIMARY KEY (event_id)
);
