-- Migration 4: banks (the PostgreSQL twin explains it).
CREATE TABLE bank (
    character_id INTEGER NOT NULL REFERENCES characters (id) ON DELETE CASCADE,
    slot         INTEGER NOT NULL CHECK (slot BETWEEN 0 AND 479),
    item_id      INTEGER NOT NULL CHECK (item_id > 0),
    quantity     INTEGER NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (character_id, slot)
);
CREATE UNIQUE INDEX bank_one_stack_per_item ON bank (character_id, item_id);
