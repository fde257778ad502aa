-- Near-real-time sync (README, "Near-real-time (notifications)").
-- sync_notification: the durable queue of records Zoho told us changed (CRM notifications, the
-- Inventory workflow webhook), one row per module, flow and record: a second notification of the same
-- record before it is synced moves the row's due time (debounce) and its version, it adds no row.
-- A drain deletes a row only at the version it read, so a change that arrives while a run syncs
-- the record is synced again. Times are epoch milliseconds.
CREATE TABLE sync_notification (
  module       VARCHAR(32)  NOT NULL,
  flow         VARCHAR(8)   NOT NULL,
  source       VARCHAR(32)  NOT NULL,
  record_id    VARCHAR(40)  NOT NULL,
  deleted      BOOLEAN      NOT NULL,
  version      INT          NOT NULL,
  received_at  BIGINT       NOT NULL,
  due_at       BIGINT       NOT NULL,
  attempts     INT          NOT NULL,
  CONSTRAINT pk_sync_notification PRIMARY KEY (module, flow, source, record_id)
);
CREATE INDEX ix_sync_notification_due ON sync_notification (module, due_at);

-- sync_notification_channel: the one CRM notification channel of the cluster (row id 'crm'): its id,
-- the verification token Zoho echoes on every callback (never logged, never shown), its state and
-- expiry, and which node is changing it (busy_by until busy_until), so two nodes never subscribe at once.
CREATE TABLE sync_notification_channel (
  id            VARCHAR(16)    NOT NULL,
  channel_id    VARCHAR(40)    NOT NULL,
  token         VARCHAR(64)    NOT NULL,
  notify_url    VARCHAR(1000),
  state         VARCHAR(16)    NOT NULL,
  expires_at    BIGINT,
  subscribed_at BIGINT,
  renewed_at    BIGINT,
  verified_at   BIGINT,
  last_error    VARCHAR(1000),
  failed_at     BIGINT,
  received_at   BIGINT,
  busy_by       VARCHAR(255),
  busy_until    BIGINT,
  CONSTRAINT pk_sync_notification_channel PRIMARY KEY (id)
);
