-- Every record read ends in exactly one count: read = created + updated + unchanged + skipped +
-- failed + not_copied, per flow (README, "Counts").
ALTER TABLE sync_run ADD COLUMN pull_unchanged INT NOT NULL DEFAULT 0;
ALTER TABLE sync_run ADD COLUMN pull_not_copied INT NOT NULL DEFAULT 0;
ALTER TABLE sync_run ADD COLUMN push_unchanged INT NOT NULL DEFAULT 0;
ALTER TABLE sync_run ADD COLUMN push_not_copied INT NOT NULL DEFAULT 0;
-- A full pass (reconciliation) reads both sides whole and repairs vanished and drifted pairs.
ALTER TABLE sync_run ADD COLUMN full_pass BOOLEAN NOT NULL DEFAULT FALSE;

-- A conflict entry lists the common base, both sides' values and the winner.
ALTER TABLE sync_run_error ADD COLUMN base_value VARCHAR(1000);
ALTER TABLE sync_run_error ADD COLUMN crm_value VARCHAR(1000);
ALTER TABLE sync_run_error ADD COLUMN inventory_value VARCHAR(1000);
ALTER TABLE sync_run_error ADD COLUMN winner VARCHAR(16);
CREATE INDEX ix_sync_run_error_kind ON sync_run_error (run_id, kind);

-- What a deletion on one side does: RECREATE (default), UNLINK or PROPAGATE.
ALTER TABLE module_settings ADD COLUMN delete_policy VARCHAR(16) NOT NULL DEFAULT 'RECREATE';
