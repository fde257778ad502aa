-- The common base of the three-way merge: per binding, the last synced value of every mapped field
-- in CRM terms, as compact JSON (a product's description alone may hold 32,000 characters).
ALTER TABLE sync_binding ADD COLUMN base MEDIUMTEXT;
