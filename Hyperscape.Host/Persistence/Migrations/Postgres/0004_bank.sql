-- Migration 4: banks. 480 slots a character, one stack per item, quantities up to int32 (the
-- game refuses an overflow before it reaches here). Written in the same transaction as the
-- inventory it trades with, so a deposit is never half done.
CREATE TABLE bank (
    character_id bigint   NOT NULL REFERENCES characters (id) ON DELETE CASCADE,
    slot         smallint NOT NULL CHECK (slot BETWEEN 0 AND 479),
    item_id      integer  NOT NULL CHECK (item_id > 0),
    quantity     integer  NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (character_id, slot)
);
CREATE UNIQUE INDEX bank_one_stack_per_item ON bank (character_id, item_id);
