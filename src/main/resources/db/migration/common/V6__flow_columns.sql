-- "direction" is a module's ONE_WAY/TWO_WAY setting; pull/push is the flow (README, glossary).
ALTER TABLE sync_run_error RENAME COLUMN direction TO flow;
ALTER TABLE sync_pending_create RENAME COLUMN direction TO flow;
ALTER TABLE sync_cursor RENAME COLUMN direction TO flow;
