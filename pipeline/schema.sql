-- Raw tables: what the loader writes, typed and validated, one row per accepted source row.
-- Timestamps are TIMESTAMP (zoneless) in Asia/Shanghai local time; dates are DATE.
-- Codes are always the canonical English codes (the loader maps Chinese labels).
-- _load_id / _file / _line record where each row came from.
-- raw_units and raw_cases have no primary key: the loader keeps their keys unique (a key loaded
-- again replaces the stored row) and writes them in one pass, which an index would make ~40%
-- slower and which briefly holds rows it then deletes. A database made before still has the key;
-- the loader then takes its slower staged path (pipeline/load/validate.ts).

create table if not exists loads (
  load_id      integer primary key,   -- 1, 2, 3 ... one per file loaded (or skipped)
  batch_id     integer not null,      -- one `rehandle load` invocation
  file         varchar not null,      -- path as given by the user
  sha256       varchar not null,      -- content hash: a file already loaded is skipped
  kind         varchar not null,      -- units | cases | events | audits
  format       varchar not null,      -- csv | xlsx | parquet | jsonl
  encoding     varchar,               -- utf-8 | gb18030 (csv only)
  started_at   timestamp not null,
  finished_at  timestamp not null,
  rows_read    integer not null,
  rows_loaded  integer not null,
  rows_rejected integer not null,
  status       varchar not null       -- loaded | skipped_duplicate
);

create table if not exists rejects (
  load_id  integer not null,
  file     varchar not null,
  line     integer not null,          -- 1-based line (CSV: physical line incl. header = line 1) or sheet row
  "column" varchar,                   -- canonical column name, null for whole-row problems
  value    varchar,
  reason   varchar not null           -- Chinese+English sentence a user can act on
);

create table if not exists raw_units (
  unit_id   varchar,                 -- unique (the loader replaces a reloaded key)
  unit_name varchar,
  unit_type varchar,                  -- district_bureau | street | city_bureau | enterprise
  district  varchar,
  _load_id integer, _file varchar, _line integer
);

create table if not exists raw_cases (
  case_id      varchar,               -- unique: latest load wins (the loader replaces a reloaded key)
  received_at  timestamp,
  channel      varchar,               -- phone | web | wechat | app | other
  caller_id    varchar,
  caller_name  varchar,
  caller_phone varchar,
  district     varchar,
  street       varchar,
  address      varchar,
  appeal_type  varchar,               -- consult | help | complaint | suggestion | other
  topic_l1     varchar,
  topic_l2     varchar,
  content      varchar,
  unit_id      varchar,
  out_of_scope_declared boolean,
  first_reply  varchar,
  closed_at    timestamp,
  satisfaction varchar,               -- satisfied | basic | unsatisfied | none
  evaluated_at timestamp,
  _load_id integer, _file varchar, _line integer
);

create table if not exists raw_events (
  event_id     varchar primary key,   -- given, or md5(case_id|type|at|unit_id) when absent
  case_id      varchar not null,
  type         varchar not null,      -- dispatch | sign | contact | extension | resolve | archive
  "at"         timestamp not null,
  unit_id      varchar,
  category     varchar,               -- sign: unresolved_reasonable | unreasonable | litigation | resolved_at_sign | one_time
  tier         varchar,               -- sign: current_month | 2m | 3m | 6m | long_term
  promised_due date,                  -- sign, optional
  method       varchar,               -- contact: phone | visit | sms | other
  note         varchar,
  new_due      date,                  -- extension
  approved     boolean,               -- extension
  decided_at   timestamp,             -- extension
  _load_id integer, _file varchar, _line integer
);

create table if not exists raw_audits (
  audit_id           varchar primary key,
  case_id            varchar not null,
  audited_at         timestamp not null,
  method             varchar,         -- callback | onsite | document
  auditor            varchar,
  finding            varchar not null,-- no_issue | classification_inaccurate | fake_contact | fake_resolution | overdue_resolution | repeat_complaint
  event_id           varchar,
  corrected_category varchar,
  note               varchar,
  rectification_due  date,
  rectified_at       timestamp,
  _load_id integer, _file varchar, _line integer
);
