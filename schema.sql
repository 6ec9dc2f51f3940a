-- Hyperscape.NET schema, PostgreSQL 15. Version 1 (later migrations: Hyperscape.Host/Persistence/Migrations/Postgres).
--
-- This file is migration 1: the server applies it once, in a transaction, at start-up, and
-- records it in schema_version. Hyperscape.Host/Persistence/Migrations/Sqlite holds the
-- equivalent SQLite schema; a test checks that both hold the same tables and columns.
--
-- Names are snake_case. The original Hyperscape called player_deaths "playerDeaths", npc_kills
-- "npcKills" and privy_user_id "privyUserId".
-- XP columns hold tenths of XP (4/3 XP per damage point adds up exactly): 200,000,000 XP is
-- 2,000,000,000 here.

CREATE TABLE schema_version (
    version integer PRIMARY KEY,
    applied_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
    privy_user_id text UNIQUE,
    farcaster_fid bigint,
    wallet text,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE characters (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 12),
    -- Names are unique regardless of case: "Zezima" and "zezima" are one name.
    name_key text NOT NULL UNIQUE CHECK (name_key = lower(name)),
    attack_level integer NOT NULL DEFAULT 1 CHECK (attack_level BETWEEN 1 AND 99),
    attack_xp bigint NOT NULL DEFAULT 0 CHECK (attack_xp BETWEEN 0 AND 2000000000),
    strength_level integer NOT NULL DEFAULT 1 CHECK (strength_level BETWEEN 1 AND 99),
    strength_xp bigint NOT NULL DEFAULT 0 CHECK (strength_xp BETWEEN 0 AND 2000000000),
    defense_level integer NOT NULL DEFAULT 1 CHECK (defense_level BETWEEN 1 AND 99),
    defense_xp bigint NOT NULL DEFAULT 0 CHECK (defense_xp BETWEEN 0 AND 2000000000),
    constitution_level integer NOT NULL DEFAULT 10 CHECK (constitution_level BETWEEN 1 AND 99),
    constitution_xp bigint NOT NULL DEFAULT 11540 CHECK (constitution_xp BETWEEN 0 AND 2000000000),
    ranged_level integer NOT NULL DEFAULT 1 CHECK (ranged_level BETWEEN 1 AND 99),
    ranged_xp bigint NOT NULL DEFAULT 0 CHECK (ranged_xp BETWEEN 0 AND 2000000000),
    magic_level integer NOT NULL DEFAULT 1 CHECK (magic_level BETWEEN 1 AND 99),
    magic_xp bigint NOT NULL DEFAULT 0 CHECK (magic_xp BETWEEN 0 AND 2000000000),
    prayer_level integer NOT NULL DEFAULT 1 CHECK (prayer_level BETWEEN 1 AND 99),
    prayer_xp bigint NOT NULL DEFAULT 0 CHECK (prayer_xp BETWEEN 0 AND 2000000000),
    woodcutting_level integer NOT NULL DEFAULT 1 CHECK (woodcutting_level BETWEEN 1 AND 99),
    woodcutting_xp bigint NOT NULL DEFAULT 0 CHECK (woodcutting_xp BETWEEN 0 AND 2000000000),
    mining_level integer NOT NULL DEFAULT 1 CHECK (mining_level BETWEEN 1 AND 99),
    mining_xp bigint NOT NULL DEFAULT 0 CHECK (mining_xp BETWEEN 0 AND 2000000000),
    fishing_level integer NOT NULL DEFAULT 1 CHECK (fishing_level BETWEEN 1 AND 99),
    fishing_xp bigint NOT NULL DEFAULT 0 CHECK (fishing_xp BETWEEN 0 AND 2000000000),
    firemaking_level integer NOT NULL DEFAULT 1 CHECK (firemaking_level BETWEEN 1 AND 99),
    firemaking_xp bigint NOT NULL DEFAULT 0 CHECK (firemaking_xp BETWEEN 0 AND 2000000000),
    cooking_level integer NOT NULL DEFAULT 1 CHECK (cooking_level BETWEEN 1 AND 99),
    cooking_xp bigint NOT NULL DEFAULT 0 CHECK (cooking_xp BETWEEN 0 AND 2000000000),
    smithing_level integer NOT NULL DEFAULT 1 CHECK (smithing_level BETWEEN 1 AND 99),
    smithing_xp bigint NOT NULL DEFAULT 0 CHECK (smithing_xp BETWEEN 0 AND 2000000000),
    agility_level integer NOT NULL DEFAULT 1 CHECK (agility_level BETWEEN 1 AND 99),
    agility_xp bigint NOT NULL DEFAULT 0 CHECK (agility_xp BETWEEN 0 AND 2000000000),
    crafting_level integer NOT NULL DEFAULT 1 CHECK (crafting_level BETWEEN 1 AND 99),
    crafting_xp bigint NOT NULL DEFAULT 0 CHECK (crafting_xp BETWEEN 0 AND 2000000000),
    fletching_level integer NOT NULL DEFAULT 1 CHECK (fletching_level BETWEEN 1 AND 99),
    fletching_xp bigint NOT NULL DEFAULT 0 CHECK (fletching_xp BETWEEN 0 AND 2000000000),
    runecrafting_level integer NOT NULL DEFAULT 1 CHECK (runecrafting_level BETWEEN 1 AND 99),
    runecrafting_xp bigint NOT NULL DEFAULT 0 CHECK (runecrafting_xp BETWEEN 0 AND 2000000000),
    position_x real NOT NULL DEFAULT 0,
    position_y real NOT NULL DEFAULT 0,
    position_z real NOT NULL DEFAULT 0,
    health integer NOT NULL DEFAULT 10 CHECK (health >= 0),
    max_health integer NOT NULL DEFAULT 10 CHECK (max_health >= 1 AND health <= max_health),
    -- Coins carried (inventory and equipment), kept current on every save for rankings.
    coins bigint NOT NULL DEFAULT 0 CHECK (coins >= 0),
    attack_style smallint NOT NULL DEFAULT 0 CHECK (attack_style BETWEEN 0 AND 3),
    auto_retaliate boolean NOT NULL DEFAULT true,
    running boolean NOT NULL DEFAULT false,
    voice_push_to_talk boolean NOT NULL DEFAULT false,
    last_login timestamptz,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX characters_account ON characters (account_id);

CREATE TABLE inventory (
    character_id bigint NOT NULL REFERENCES characters (id) ON DELETE CASCADE,
    slot smallint NOT NULL CHECK (slot BETWEEN 0 AND 27),
    item_id integer NOT NULL CHECK (item_id > 0),
    quantity integer NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (character_id, slot)
);

CREATE TABLE equipment (
    character_id bigint NOT NULL REFERENCES characters (id) ON DELETE CASCADE,
    slot smallint NOT NULL CHECK (slot BETWEEN 0 AND 10),
    item_id integer NOT NULL CHECK (item_id > 0),
    quantity integer NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (character_id, slot)
);

-- Items on the ground survive restarts, so a drop never loses an item.
CREATE TABLE ground_items (
    id bigint PRIMARY KEY,
    item_id integer NOT NULL CHECK (item_id > 0),
    quantity integer NOT NULL CHECK (quantity > 0),
    position_x real NOT NULL,
    position_y real NOT NULL,
    position_z real NOT NULL,
    owner_character_id bigint REFERENCES characters (id) ON DELETE SET NULL
);

-- The death lock: a death is recorded in the same transaction that moves its items, once.
CREATE TABLE player_deaths (
    death_id bigint PRIMARY KEY,
    character_id bigint NOT NULL REFERENCES characters (id) ON DELETE CASCADE,
    position_x real NOT NULL,
    position_y real NOT NULL,
    position_z real NOT NULL,
    items_dropped integer NOT NULL CHECK (items_dropped >= 0),
    died_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE npc_kills (
    character_id bigint NOT NULL REFERENCES characters (id) ON DELETE CASCADE,
    npc_type integer NOT NULL CHECK (npc_type > 0),
    kill_count integer NOT NULL CHECK (kill_count > 0),
    PRIMARY KEY (character_id, npc_type)
);

-- Each committed item transaction, so a retried commit applies exactly once.
CREATE TABLE item_transactions (
    id bigint PRIMARY KEY,
    kind smallint NOT NULL,
    committed_at timestamptz NOT NULL DEFAULT now()
);

-- A friendship is one row, stored with the smaller id first; it holds both ways.
CREATE TABLE friendships (
    character_a bigint NOT NULL REFERENCES characters (id) ON DELETE CASCADE,
    character_b bigint NOT NULL REFERENCES characters (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (character_a, character_b),
    CHECK (character_a < character_b)
);

CREATE INDEX friendships_b ON friendships (character_b);

CREATE TABLE friend_requests (
    from_character_id bigint NOT NULL REFERENCES characters (id) ON DELETE CASCADE,
    to_character_id bigint NOT NULL REFERENCES characters (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (from_character_id, to_character_id),
    CHECK (from_character_id <> to_character_id)
);

CREATE INDEX friend_requests_to ON friend_requests (to_character_id);

CREATE TABLE ignore_lists (
    character_id bigint NOT NULL REFERENCES characters (id) ON DELETE CASCADE,
    ignored_character_id bigint NOT NULL REFERENCES characters (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (character_id, ignored_character_id),
    CHECK (character_id <> ignored_character_id)
);
