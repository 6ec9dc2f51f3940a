-- Migration 2: prayer points and the prayers on, saved with the character. Prayer could not be
-- trained before this migration, so a character's points start at its prayer level.
ALTER TABLE characters ADD COLUMN prayer_points INTEGER NOT NULL DEFAULT 1 CHECK (prayer_points >= 0);
ALTER TABLE characters ADD COLUMN active_prayers INTEGER NOT NULL DEFAULT 0;
UPDATE characters SET prayer_points = prayer_level;
