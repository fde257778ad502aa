-- Mappings edited at run time (issue 15): every save is a new version, in force from the next run
-- of the module on every node. The files in mappings/ stay the initial defaults (version 0).
CREATE TABLE sync_mapping_version (
  module      VARCHAR(32)   NOT NULL,
  version     INT           NOT NULL,
  xml         LONGTEXT      NOT NULL,
  created_by  VARCHAR(100)  NOT NULL,
  created_at  DATETIME(3)   NOT NULL,
  note        VARCHAR(500),
  CONSTRAINT pk_sync_mapping_version PRIMARY KEY (module, version)
);
