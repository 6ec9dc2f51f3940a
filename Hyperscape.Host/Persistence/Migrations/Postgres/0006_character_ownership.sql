-- Migration 6: who owns each character, for zones across processes. A zone takes a character
-- with a conditional update that raises its epoch; every later write for it names that epoch, so
-- a zone that lost the character (a takeover, a hand-off, an expired lease) writes nothing more.
-- The lease lets another zone take a character whose owner died. Times are Unix milliseconds.
ALTER TABLE characters ADD COLUMN owner_zone integer;
ALTER TABLE characters ADD COLUMN owner_epoch bigint NOT NULL DEFAULT 0 CHECK (owner_epoch >= 0);
ALTER TABLE characters ADD COLUMN lease_expires_at_unix_ms bigint;
CREATE INDEX characters_by_owner_zone ON characters (owner_zone) WHERE owner_zone IS NOT NULL;
