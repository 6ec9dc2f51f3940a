-- Migration 3: the content id registry (the PostgreSQL twin explains it).
CREATE TABLE content_ids (
    kind INTEGER NOT NULL CHECK (kind IN (1, 2)),
    key  TEXT    NOT NULL CHECK (key <> ''),
    id   INTEGER NOT NULL CHECK (id >= 1),
    PRIMARY KEY (kind, key),
    UNIQUE (kind, id)
);
