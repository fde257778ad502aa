-- Records an operator unlinked: the next run of the module reads them again (from CRM for the pull,
-- from Inventory for a two-way push), whether or not they changed, so both are treated as new under
-- the duplicate policy. A run that succeeds removes the rows queued before it started.
CREATE TABLE sync_reread (
  module     VARCHAR(32)  NOT NULL,
  flow       VARCHAR(8)   NOT NULL,
  record_id  VARCHAR(40)  NOT NULL,
  queued_at  TIMESTAMP    NOT NULL,
  CONSTRAINT pk_sync_reread PRIMARY KEY (module, flow, record_id)
);
