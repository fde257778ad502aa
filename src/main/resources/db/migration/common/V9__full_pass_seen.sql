-- A full pass (reconciliation) notes every Inventory record it lists, then finds the bindings whose
-- Inventory record it did not see: vanished. Kept in the database, not in memory, so a pass over
-- 100,000 records stays flat; a pass's rows are deleted when it ends.
-- The weekly full pass of each module has its own cron (default Sunday 03:00).
ALTER TABLE module_settings ADD COLUMN reconcile_cron VARCHAR(120) NOT NULL DEFAULT '0 0 3 ? * SUN';

CREATE TABLE sync_seen (
  run_id        BIGINT       NOT NULL,
  inventory_id  VARCHAR(40)  NOT NULL,
  CONSTRAINT pk_sync_seen PRIMARY KEY (run_id, inventory_id)
);
