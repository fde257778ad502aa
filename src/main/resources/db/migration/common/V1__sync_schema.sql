-- Schema of crm-inventory-sync. Runs unchanged on H2 (MODE=MySQL) and MySQL/MariaDB.
-- Times are UTC, DATETIME(3) (MariaDB TIMESTAMP keeps whole seconds and has 2038 and auto-update quirks).

-- Per-module settings. Rows are created from configuration defaults on first start; the HTTP API
-- changes them later. A run reads them once when it opens, so a change applies from the next run.
CREATE TABLE module_settings (
  module            VARCHAR(32)  NOT NULL,
  direction         VARCHAR(16)  NOT NULL,
  duplicate_policy  VARCHAR(16)  NOT NULL,
  conflict_policy   VARCHAR(16)  NOT NULL,
  crm_view_id       VARCHAR(40),
  crm_side          VARCHAR(32),
  cron              VARCHAR(120) NOT NULL,
  paused            BOOLEAN      NOT NULL DEFAULT FALSE,
  paused_reason     VARCHAR(255),
  updated_at        DATETIME(3)  NOT NULL,
  CONSTRAINT pk_module_settings PRIMARY KEY (module)
);

-- Settings that are not per module (for example whether the transaction modules are enabled).
CREATE TABLE global_settings (
  setting_name  VARCHAR(64)  NOT NULL,
  setting_value VARCHAR(255) NOT NULL,
  updated_at  DATETIME(3)  NOT NULL,
  CONSTRAINT pk_global_settings PRIMARY KEY (setting_name)
);

-- One row links a CRM record to an Inventory record within a module. kind tells a top-level
-- record (customer, vendor, item) from a contact person nested under a customer.
CREATE TABLE sync_binding (
  module                  VARCHAR(32)  NOT NULL,
  kind                    VARCHAR(16)  NOT NULL,
  crm_id                  VARCHAR(40)  NOT NULL,
  inventory_id            VARCHAR(40)  NOT NULL,
  inventory_parent_id     VARCHAR(40),
  crm_fingerprint         CHAR(64),
  inventory_fingerprint   CHAR(64),
  crm_modified_time       DATETIME(3),
  inventory_modified_time DATETIME(3),
  created_at              DATETIME(3)  NOT NULL,
  updated_at              DATETIME(3)  NOT NULL,
  CONSTRAINT pk_sync_binding PRIMARY KEY (module, kind, crm_id),
  CONSTRAINT uq_sync_binding_inventory UNIQUE (module, kind, inventory_id)
);

-- Write-ahead journal: written before an Inventory/CRM create, removed when the binding is stored.
-- A row left behind by a crash tells the next run to look the record up by its key instead of
-- creating it a second time.
CREATE TABLE sync_pending_create (
  module       VARCHAR(32)  NOT NULL,
  kind         VARCHAR(16)  NOT NULL,
  direction    VARCHAR(8)   NOT NULL,
  source_id    VARCHAR(40)  NOT NULL,
  target_key   VARCHAR(255) NOT NULL,
  created_at   DATETIME(3)  NOT NULL,
  CONSTRAINT pk_sync_pending_create PRIMARY KEY (module, kind, direction, source_id)
);

-- One run of one module. Counts per direction; the history is this table, newest first.
CREATE TABLE sync_run (
  id              BIGINT       NOT NULL AUTO_INCREMENT,
  module          VARCHAR(32)  NOT NULL,
  trigger_type    VARCHAR(16)  NOT NULL,
  status          VARCHAR(16)  NOT NULL,
  node            VARCHAR(120) NOT NULL,
  started_at      DATETIME(3)  NOT NULL,
  ended_at        DATETIME(3),
  pull_read       INT          NOT NULL DEFAULT 0,
  pull_created    INT          NOT NULL DEFAULT 0,
  pull_updated    INT          NOT NULL DEFAULT 0,
  pull_skipped    INT          NOT NULL DEFAULT 0,
  pull_failed     INT          NOT NULL DEFAULT 0,
  push_read       INT          NOT NULL DEFAULT 0,
  push_created    INT          NOT NULL DEFAULT 0,
  push_updated    INT          NOT NULL DEFAULT 0,
  push_skipped    INT          NOT NULL DEFAULT 0,
  push_failed     INT          NOT NULL DEFAULT 0,
  message         VARCHAR(1000),
  CONSTRAINT pk_sync_run PRIMARY KEY (id)
);
CREATE INDEX ix_sync_run_module ON sync_run (module, id);

-- Errors (and other notable events such as conflicts and skipped duplicates) of a run.
CREATE TABLE sync_run_error (
  id          BIGINT        NOT NULL AUTO_INCREMENT,
  run_id      BIGINT        NOT NULL,
  direction   VARCHAR(8)    NOT NULL,
  kind        VARCHAR(24)   NOT NULL,
  record_id   VARCHAR(40),
  field       VARCHAR(120),
  reason      VARCHAR(1000) NOT NULL,
  excerpt     VARCHAR(1000),
  created_at  DATETIME(3)   NOT NULL,
  CONSTRAINT pk_sync_run_error PRIMARY KEY (id)
);
CREATE INDEX ix_sync_run_error_run ON sync_run_error (run_id, direction);

-- Where the next run of a module starts reading (CRM If-Modified-Since, Inventory last_modified_time).
CREATE TABLE sync_cursor (
  module       VARCHAR(32)  NOT NULL,
  direction    VARCHAR(8)   NOT NULL,
  cursor_time  DATETIME(3)  NOT NULL,
  updated_at   DATETIME(3)  NOT NULL,
  CONSTRAINT pk_sync_cursor PRIMARY KEY (module, direction)
);

-- Cluster-wide "one run per module at a time": a row per module, claimed with a conditional update.
CREATE TABLE sync_module_lock (
  module        VARCHAR(32)  NOT NULL,
  run_id        BIGINT,
  node          VARCHAR(120),
  acquired_at   DATETIME(3),
  heartbeat_at  DATETIME(3),
  CONSTRAINT pk_sync_module_lock PRIMARY KEY (module)
);

-- Camel JdbcMessageIdRepository (idempotent consumer); created here, createTableIfNotExists=false.
CREATE TABLE CAMEL_MESSAGEPROCESSED (
  processorName  VARCHAR(255) NOT NULL,
  messageId      VARCHAR(100) NOT NULL,
  createdAt      TIMESTAMP    NOT NULL,
  CONSTRAINT pk_camel_messageprocessed PRIMARY KEY (processorName, messageId)
);

-- Camel JdbcAggregationRepository "contact_aggregation": contacts grouped under their account.
CREATE TABLE contact_aggregation (
  id        VARCHAR(255) NOT NULL,
  exchange  LONGBLOB     NOT NULL,
  version   BIGINT       NOT NULL,
  CONSTRAINT pk_contact_aggregation PRIMARY KEY (id)
);
CREATE TABLE contact_aggregation_completed (
  id        VARCHAR(255) NOT NULL,
  exchange  LONGBLOB     NOT NULL,
  version   BIGINT       NOT NULL,
  CONSTRAINT pk_contact_aggregation_completed PRIMARY KEY (id)
);
