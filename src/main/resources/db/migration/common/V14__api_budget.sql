-- The API budget, shared by every module and node.
-- sync_api_bucket: Bucket4j's buckets (one per Inventory organization), read and written under
-- SELECT ... FOR UPDATE, so that all nodes together keep to the requests a minute.
CREATE TABLE sync_api_bucket (
  id     VARCHAR(64)  NOT NULL,
  state  BLOB,
  CONSTRAINT pk_sync_api_bucket PRIMARY KEY (id)
);

-- sync_api_usage: calls made, by API and minute, for the rolling 24 hours of the daily caps.
CREATE TABLE sync_api_usage (
  api           VARCHAR(16)  NOT NULL,
  minute_start  BIGINT       NOT NULL,
  calls         BIGINT       NOT NULL,
  CONSTRAINT pk_sync_api_usage PRIMARY KEY (api, minute_start)
);

-- sync_api_state: what the APIs last said of their daily budget (CRM's remaining credits) and
-- until when a spent daily budget stops every call of the cluster (times in epoch milliseconds).
CREATE TABLE sync_api_state (
  api                VARCHAR(16)   NOT NULL,
  credits_remaining  BIGINT,
  observed_at        BIGINT,
  blocked_until      BIGINT,
  blocked_reason     VARCHAR(500),
  CONSTRAINT pk_sync_api_state PRIMARY KEY (api)
);
