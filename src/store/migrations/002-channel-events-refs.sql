-- Webhook deliveries taken in, by channel and the platform's event id (LINE webhookEventId, Slack
-- event_id, Teams activity id): a redelivery or retry is not answered twice, also after a restart.
-- The payload is kept until the event is done, so one acknowledged before a crash is still answered.
CREATE TABLE processed_events (
  channel TEXT NOT NULL,
  event_id TEXT NOT NULL,
  received_at TEXT NOT NULL,
  payload TEXT,
  done_at TEXT,
  PRIMARY KEY (channel, event_id)
);
CREATE INDEX processed_events_received_at ON processed_events (received_at);

-- Where to reach an owner outside a turn (a staff reply, a long answer): the channel's own
-- address for the session (LINE user id, Slack channel and thread, Teams conversation reference).
CREATE TABLE channel_refs (
  session_key TEXT PRIMARY KEY,
  ref TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
