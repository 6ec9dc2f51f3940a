-- Migration 5: gravestones and the autocast spell (the PostgreSQL twin explains them).
CREATE TABLE gravestones (
    id                INTEGER PRIMARY KEY,
    death_id          INTEGER NOT NULL REFERENCES player_deaths (death_id) ON DELETE CASCADE,
    character_id      INTEGER NOT NULL REFERENCES characters (id) ON DELETE CASCADE,
    position_x        REAL    NOT NULL,
    position_y        REAL    NOT NULL,
    position_z        REAL    NOT NULL,
    breaks_at_unix_ms INTEGER NOT NULL
);
CREATE INDEX gravestones_by_character ON gravestones (character_id);

CREATE TABLE gravestone_items (
    gravestone_id INTEGER NOT NULL REFERENCES gravestones (id) ON DELETE CASCADE,
    slot          INTEGER NOT NULL CHECK (slot BETWEEN 0 AND 38),
    item_id       INTEGER NOT NULL CHECK (item_id > 0),
    quantity      INTEGER NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (gravestone_id, slot)
);

ALTER TABLE ground_items ADD COLUMN despawns_at_unix_ms INTEGER;

ALTER TABLE characters ADD COLUMN autocast_spell INTEGER NOT NULL DEFAULT 0 CHECK (autocast_spell >= 0);
