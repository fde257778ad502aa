-- Errors become a worklist: each has a state (OPEN, RETRIED, RESOLVED), the module and the record's
-- name to search by, and who resolved it, when, with what note.
ALTER TABLE sync_run_error ADD COLUMN module VARCHAR(32);
ALTER TABLE sync_run_error ADD COLUMN state VARCHAR(16) NOT NULL DEFAULT 'OPEN';
ALTER TABLE sync_run_error ADD COLUMN record_name VARCHAR(255);
ALTER TABLE sync_run_error ADD COLUMN record_type VARCHAR(16);
ALTER TABLE sync_run_error ADD COLUMN resolved_by VARCHAR(120);
ALTER TABLE sync_run_error ADD COLUMN resolved_at DATETIME(3);
ALTER TABLE sync_run_error ADD COLUMN resolution_note VARCHAR(1000);
UPDATE sync_run_error SET module = (SELECT r.module FROM sync_run r WHERE r.id = sync_run_error.run_id);
CREATE INDEX ix_sync_run_error_worklist ON sync_run_error (module, state, id);

-- A preview (dry run) writes nothing; its plan is kept record by record, bounded per run.
ALTER TABLE sync_run ADD COLUMN dry_run BOOLEAN NOT NULL DEFAULT FALSE;
CREATE TABLE sync_plan (
  id             BIGINT        NOT NULL AUTO_INCREMENT,
  run_id         BIGINT        NOT NULL,
  flow           VARCHAR(8)    NOT NULL,
  action         VARCHAR(24)   NOT NULL,
  crm_id         VARCHAR(40),
  inventory_id   VARCHAR(40),
  record_name    VARCHAR(255),
  changes        VARCHAR(4000),
  reason         VARCHAR(1000),
  CONSTRAINT pk_sync_plan PRIMARY KEY (id)
);
CREATE INDEX ix_sync_plan_run ON sync_plan (run_id, id);
