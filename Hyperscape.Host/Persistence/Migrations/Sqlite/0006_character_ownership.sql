-- Migration 6: who owns each character (the PostgreSQL twin explains it).
ALTER TABLE characters ADD COLUMN owner_zone INTEGER;
ALTER TABLE characters ADD COLUMN owner_epoch INTEGER NOT NULL DEFAULT 0 CHECK (owner_epoch >= 0);
ALTER TABLE characters ADD COLUMN lease_expires_at_unix_ms INTEGER;
CREATE INDEX characters_by_owner_zone ON characters (owner_zone) WHERE owner_zone IS NOT NULL;
