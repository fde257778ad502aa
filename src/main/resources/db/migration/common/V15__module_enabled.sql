-- "Enable module to be synced" (issue 15): a stored, cluster-wide setting instead of a start-up
-- property. Existing rows keep syncing; sync.modules.<module>.enabled is the default of a new row.
ALTER TABLE module_settings ADD COLUMN enabled BOOLEAN DEFAULT TRUE NOT NULL;
