-- The common base of the three-way merge: per binding, the last synced value of every mapped field
-- in CRM terms, as compact JSON. Inline (VARCHAR), not H2's LOB store (see V3).
ALTER TABLE sync_binding ADD COLUMN base VARCHAR(1000000);
