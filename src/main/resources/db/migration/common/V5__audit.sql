-- The audit log: who changed what through the control plane (HTTP API, JMX), newest first by id.
-- Generic on purpose: actor (operator login, or "jmx"), action (SETTINGS_SAVED, PAUSED, RESUMED,
-- SYNC_STARTED, TRANSACTION_MODULES_SWITCHED; later work adds retries and unlinks), the module, the
-- thing acted on (a run id, a record) and a free detail. Time in UTC, DATETIME(3), like every table.
CREATE TABLE sync_audit (
  id           BIGINT        NOT NULL AUTO_INCREMENT,
  occurred_at  DATETIME(3)   NOT NULL,
  actor        VARCHAR(120)  NOT NULL,
  action       VARCHAR(40)   NOT NULL,
  module       VARCHAR(32),
  target       VARCHAR(255),
  detail       VARCHAR(1000),
  CONSTRAINT pk_sync_audit PRIMARY KEY (id)
);

CREATE INDEX ix_sync_audit_module ON sync_audit (module, id);
