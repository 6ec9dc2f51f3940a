-- Migration 5: gravestones, and the autocast spell saved. A dead player's items wait in a
-- gravestone only its owner may loot until it breaks; the death, the emptied character and the
-- gravestone are written in one transaction (the death lock), and the gravestone row is the
-- grave: it comes back once on every restart until a loot empties it or it breaks into ground
-- items, each in one transaction too. Times are Unix milliseconds (UTC) by the server's clock,
-- so time passes while a server is down.
CREATE TABLE gravestones (
    id                bigint PRIMARY KEY,
    death_id          bigint NOT NULL REFERENCES player_deaths (death_id) ON DELETE CASCADE,
    character_id      bigint NOT NULL REFERENCES characters (id) ON DELETE CASCADE,
    position_x        real   NOT NULL,
    position_y        real   NOT NULL,
    position_z        real   NOT NULL,
    breaks_at_unix_ms bigint NOT NULL
);
CREATE INDEX gravestones_by_character ON gravestones (character_id);

CREATE TABLE gravestone_items (
    gravestone_id bigint   NOT NULL REFERENCES gravestones (id) ON DELETE CASCADE,
    slot          smallint NOT NULL CHECK (slot BETWEEN 0 AND 38),
    item_id       integer  NOT NULL CHECK (item_id > 0),
    quantity      integer  NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (gravestone_id, slot)
);

-- Ground items keep when they disappear (a broken gravestone's lie for an hour); NULL for rows
-- written before this migration, which get the default despawn time when restored.
ALTER TABLE ground_items ADD COLUMN despawns_at_unix_ms bigint;

-- The spell a staff autocasts is saved with the character (0: none); it comes back only while a
-- staff is wielded and the magic level still allows it.
ALTER TABLE characters ADD COLUMN autocast_spell integer NOT NULL DEFAULT 0 CHECK (autocast_spell >= 0);
