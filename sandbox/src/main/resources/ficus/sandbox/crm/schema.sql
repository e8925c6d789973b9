-- The sample legacy system: a lead-generation CRM, deliberately coupled and cryptic, as such schemas are.
-- Everything lives in schema "crm" of database "legacy".
create schema if not exists crm;

-- code table: one-letter customer status codes
create table crm.cd_stat (
    cd      char(1)     primary key,
    dsc     varchar(40) not null
);
insert into crm.cd_stat (cd, dsc) values
    ('P', 'Prospect'), ('A', 'Active'), ('S', 'Suspended'), ('X', 'Closed');

create table crm.cust (
    cust_id   bigint       primary key,
    cst_nm    varchar(120) not null,          -- display name
    cst_eml   varchar(200),                   -- e-mail, may be null
    cst_stat  char(1)      not null,          -- status code, see crm.cd_stat (no FK: the legacy app "validates")
    natl_id   varchar(20)  not null,          -- national id: personal data, must never leave the database
    cst_nts   text,                           -- free-text notes, often large (TOASTed)
    crt_ts    timestamp    not null default localtimestamp,  -- registered at (local time, as the legacy app does)
    upd_ts    timestamp    not null default localtimestamp,  -- touched by every writer, the nightly job included
    upd_by    varchar(20)  not null default 'APP'
);
create sequence crm.cust_seq start with 1000001;

-- side table: addresses, one row per type (H = home, B = billing)
create table crm.cust_addr (
    addr_id   bigserial    primary key,
    cust_id   bigint       not null references crm.cust (cust_id) on delete cascade,
    addr_typ  char(1)      not null,
    ln1       varchar(120) not null,
    cty       varchar(80)  not null,
    zip       varchar(12)  not null,
    ctry      char(2)      not null,
    upd_ts    timestamp    not null default localtimestamp,
    unique (cust_id, addr_typ)
);

-- leads referencing customers
create table crm.lead (
    lead_id   bigserial    primary key,
    cust_id   bigint       not null references crm.cust (cust_id) on delete cascade,
    src       varchar(20)  not null,          -- WEB, FAIR, REF, CALL
    scr       integer      not null,          -- score 0..100
    ld_stat   char(1)      not null,          -- N new, Q qualified, W won, L lost
    crt_ts    timestamp    not null default localtimestamp
);
create index lead_cust_idx on crm.lead (cust_id);
