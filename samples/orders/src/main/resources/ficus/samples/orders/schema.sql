-- The second sample legacy system: an order-management (ERP) schema, deliberately unlike the CRM. Everything lives
-- in schema "erp" of database "orders". The traps a migration meets here, on purpose: quoted mixed-case identifiers,
-- composite primary keys (order numbers repeat across tenants), a PostgreSQL enum type, timestamptz, numeric money,
-- arrays, jsonb, a large TOASTed text column, a partitioned table, a table without a primary key, and triggers that
-- write into other tables (one of them into another captured table).
-- No REPLICA IDENTITY is set here: a legacy database does not have it; preparing capture is the capture plan's job.
create schema if not exists erp;

create type erp.order_status as enum ('NEW', 'PAID', 'SHIPPED', 'CANCELLED');

-- customer master: one row referenced by many orders
create table erp."Customer" (
    "CustomerId"  bigint       primary key,
    "Name"        text         not null,
    "Segment"     varchar(16)  not null,          -- RETAIL, WHOLESALE, PARTNER, VIP
    email         text,
    tax_id        text,                           -- personal data: must never leave the database
    updated_at    timestamptz  not null
);

-- order header; "OrderNo" is numbered per tenant, so it repeats across tenants
create table erp."SalesOrder" (
    "Tenant"       smallint         not null,
    "OrderNo"      bigint           not null,
    "CustomerId"   bigint           not null references erp."Customer" ("CustomerId"),
    status         erp.order_status not null,
    placed_at      timestamptz      not null,
    total          numeric(12,2)    not null,
    currency       char(3)          not null,
    tags           text[]           not null default '{}',
    attributes     jsonb            not null default '{}',
    notes          text,                          -- free text, often several KB: stored out of line (TOAST)
    ship_by        date,
    pickup_time    time,
    handling       interval,
    public_id      uuid             not null,
    weight_kg      real,
    discount_rate  double precision,
    is_gift        boolean          not null default false,
    signature      bytea,
    legacy_touched timestamp,                     -- local wall-clock time of the last legacy batch touching the row
    line_count     integer          not null default 0,   -- maintained by trigger trg_line_count
    primary key ("Tenant", "OrderNo")
);
create index "SalesOrder_CustomerId_idx" on erp."SalesOrder" ("CustomerId");
create sequence erp.order_no_seq start with 1000001;

create table erp."OrderLine" (
    "Tenant"    smallint       not null,
    "OrderNo"   bigint         not null,
    "LineNo"    integer        not null,          -- 10, 20, 30, ... as the legacy screens number them
    "Sku"       varchar(32)    not null,
    qty         integer        not null,
    unit_price  numeric(12,2)  not null,
    sort_key    integer        not null,          -- display order; the application re-orders lines by changing it
    primary key ("Tenant", "OrderNo", "LineNo"),
    foreign key ("Tenant", "OrderNo") references erp."SalesOrder" ("Tenant", "OrderNo") on delete cascade
);

-- shipments, partitioned by half-year; the default partition takes everything else (older rows, and from 2027 on)
create table erp.shipment (
    shipment_id  bigint       not null,
    "Tenant"     smallint     not null,
    "OrderNo"    bigint       not null,
    shipped_at   timestamptz  not null,
    carrier      text         not null,
    primary key (shipment_id, shipped_at)
) partition by range (shipped_at);
create table erp.shipment_2026h1 partition of erp.shipment
    for values from ('2026-01-01 00:00:00+00') to ('2026-07-01 00:00:00+00');
create table erp.shipment_2026h2 partition of erp.shipment
    for values from ('2026-07-01 00:00:00+00') to ('2027-01-01 00:00:00+00');
create table erp.shipment_default partition of erp.shipment default;
create sequence erp.shipment_seq start with 1000001;

-- status history written by a trigger; no primary key, as such tables often have none
create table erp.audit_log (
    logged_at   timestamptz      not null default now(),
    "Tenant"    smallint         not null,
    "OrderNo"   bigint           not null,
    old_status  erp.order_status,
    new_status  erp.order_status
);

create function erp.log_status_change() returns trigger language plpgsql as $$
begin
    if new.status is distinct from old.status then
        insert into erp.audit_log (logged_at, "Tenant", "OrderNo", old_status, new_status)
        values (now(), new."Tenant", new."OrderNo", old.status, new.status);
    end if;
    return null;
end
$$;
create trigger trg_order_status after update of status on erp."SalesOrder"
    for each row execute function erp.log_status_change();

-- keeps "SalesOrder".line_count in step with the lines: a trigger writing into another captured table
create function erp.count_lines() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        update erp."SalesOrder" set line_count = line_count + 1
         where "Tenant" = new."Tenant" and "OrderNo" = new."OrderNo";
    else
        update erp."SalesOrder" set line_count = line_count - 1
         where "Tenant" = old."Tenant" and "OrderNo" = old."OrderNo";
    end if;
    return null;
end
$$;
create trigger trg_line_count after insert or delete on erp."OrderLine"
    for each row execute function erp.count_lines();
