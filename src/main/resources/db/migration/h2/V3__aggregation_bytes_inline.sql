-- H2 keeps a BLOB in its separate LOB store, and every add to an account's group rewrote one: the
-- aggregation repository spent most of a large run there. A group is bounded (sync.max-group-size
-- entries), so its serialised exchange fits an inline binary column. MySQL keeps LONGBLOB.
ALTER TABLE contact_aggregation ALTER COLUMN exchange SET DATA TYPE VARBINARY(100000000);
ALTER TABLE contact_aggregation_completed ALTER COLUMN exchange SET DATA TYPE VARBINARY(100000000);
