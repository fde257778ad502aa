-- The contact persons of one customer are looked up by their parent (moves, adoption after a crash).
CREATE INDEX ix_sync_binding_parent ON sync_binding (module, kind, inventory_parent_id);
