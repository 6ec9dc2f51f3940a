-- Migration 3: the content id registry. Content files name items and NPC types by string ids;
-- saves hold integers. This table keeps the integer each string id was given, so editing the
-- files never renumbers what characters carry. Ids are never reused.
CREATE TABLE content_ids (
    kind smallint NOT NULL CHECK (kind IN (1, 2)), -- 1 item, 2 NPC type
    key  text     NOT NULL CHECK (key <> ''),
    id   integer  NOT NULL CHECK (id >= 1),
    PRIMARY KEY (kind, key),
    UNIQUE (kind, id)
);
