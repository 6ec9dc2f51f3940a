-- Hyperscape.NET schema, SQLite. Version 1: the equivalent of schema.sql at the repository root.
-- SQLite types: integers are INTEGER (64-bit), reals REAL, booleans INTEGER 0/1, times TEXT
-- (ISO 8601 UTC). Foreign keys need PRAGMA foreign_keys = ON, which the server sets per connection.
--
-- Names are snake_case. The original Hyperscape called player_deaths "playerDeaths", npc_kills
-- "npcKills" and privy_user_id "privyUserId".
-- XP columns hold tenths of XP (4/3 XP per damage point adds up exactly): 200,000,000 XP is
-- 2,000,000,000 here.

CREATE TABLE schema_version (
    version INTEGER PRIMARY KEY,
    applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
    privy_user_id TEXT UNIQUE,
    farcaster_fid INTEGER,
    wallet TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE characters (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 12),
    -- Names are unique regardless of case: "Zezima" and "zezima" are one name.
    name_key TEXT NOT NULL UNIQUE CHECK (name_key = lower(name)),
    attack_level INTEGER NOT NULL DEFAULT 1 CHECK (attack_level BETWEEN 1 AND 99),
    attack_xp INTEGER NOT NULL DEFAULT 0 CHECK (attack_xp BETWEEN 0 AND 2000000000),
    strength_level INTEGER NOT NULL DEFAULT 1 CHECK (strength_level BETWEEN 1 AND 99),
    strength_xp INTEGER NOT NULL DEFAULT 0 CHECK (strength_xp BETWEEN 0 AND 2000000000),
    defense_level INTEGER NOT NULL DEFAULT 1 CHECK (defense_level BETWEEN 1 AND 99),
    defense_xp INTEGER NOT NULL DEFAULT 0 CHECK (defense_xp BETWEEN 0 AND 2000000000),
    constitution_level INTEGER NOT NULL DEFAULT 10 CHECK (constitution_level BETWEEN 1 AND 99),
    constitution_xp INTEGER NOT NULL DEFAULT 11540 CHECK (constitution_xp BETWEEN 0 AND 2000000000),
    ranged_level INTEGER NOT NULL DEFAULT 1 CHECK (ranged_level BETWEEN 1 AND 99),
    ranged_xp INTEGER NOT NULL DEFAULT 0 CHECK (ranged_xp BETWEEN 0 AND 2000000000),
    magic_level INTEGER NOT NULL DEFAULT 1 CHECK (magic_level BETWEEN 1 AND 99),
    magic_xp INTEGER NOT NULL DEFAULT 0 CHECK (magic_xp BETWEEN 0 AND 2000000000),
    prayer_level INTEGER NOT NULL DEFAULT 1 CHECK (prayer_level BETWEEN 1 AND 99),
    prayer_xp INTEGER NOT NULL DEFAULT 0 CHECK (prayer_xp BETWEEN 0 AND 2000000000),
    woodcutting_level INTEGER NOT NULL DEFAULT 1 CHECK (woodcutting_level BETWEEN 1 AND 99),
    woodcutting_xp INTEGER NOT NULL DEFAULT 0 CHECK (woodcutting_xp BETWEEN 0 AND 2000000000),
    mining_level INTEGER NOT NULL DEFAULT 1 CHECK (mining_level BETWEEN 1 AND 99),
    mining_xp INTEGER NOT NULL DEFAULT 0 CHECK (mining_xp BETWEEN 0 AND 2000000000),
    fishing_level INTEGER NOT NULL DEFAULT 1 CHECK (fishing_level BETWEEN 1 AND 99),
    fishing_xp INTEGER NOT NULL DEFAULT 0 CHECK (fishing_xp BETWEEN 0 AND 2000000000),
    firemaking_level INTEGER NOT NULL DEFAULT 1 CHECK (firemaking_level BETWEEN 1 AND 99),
    firemaking_xp INTEGER NOT NULL DEFAULT 0 CHECK (firemaking_xp BETWEEN 0 AND 2000000000),
    cooking_level INTEGER NOT NULL DEFAULT 1 CHECK (cooking_level BETWEEN 1 AND 99),
    cooking_xp INTEGER NOT NULL DEFAULT 0 CHECK (cooking_xp BETWEEN 0 AND 2000000000),
    smithing_level INTEGER NOT NULL DEFAULT 1 CHECK (smithing_level BETWEEN 1 AND 99),
    smithing_xp INTEGER NOT NULL DEFAULT 0 CHECK (smithing_xp BETWEEN 0 AND 2000000000),
    agility_level INTEGER NOT NULL DEFAULT 1 CHECK (agility_level BETWEEN 1 AND 99),
    agility_xp INTEGER NOT NULL DEFAULT 0 CHECK (agility_xp BETWEEN 0 AND 2000000000),
    crafting_level INTEGER NOT NULL DEFAULT 1 CHECK (crafting_level BETWEEN 1 AND 99),
    crafting_xp INTEGER NOT NULL DEFAULT 0 CHECK (crafting_xp BETWEEN 0 AND 2000000000),
    fletching_level INTEGER NOT NULL DEFAULT 1 CHECK (fletching_level BETWEEN 1 AND 99),
    fletching_xp INTEGER NOT NULL DEFAULT 0 CHECK (fletching_xp BETWEEN 0 AND 2000000000),
    runecrafting_level INTEGER NOT NULL DEFAULT 1 CHECK (runecrafting_level BETWEEN 1 AND 99),
    runecrafting_xp INTEGER NOT NULL DEFAULT 0 CHECK (runecrafting_xp BETWEEN 0 AND 2000000000),
    position_x REAL NOT NULL DEFAULT 0,
    position_y REAL NOT NULL DEFAULT 0,
    position_z REAL NOT NULL DEFAULT 0,
    health INTEGER NOT NULL DEFAULT 10 CHECK (health >= 0),
    max_health INTEGER NOT NULL DEFAULT 10 CHECK (max_health >= 1 AND health <= max_health),
    -- Coins carried (inventory and equipment), kept current on every save for rankings.
    coins INTEGER NOT NULL DEFAULT 0 CHECK (coins >= 0),
    attack_style INTEGER NOT NULL DEFAULT 0 CHECK (attack_style BETWEEN 0 AND 3),
    auto_retaliate INTEGER NOT NULL DEFAULT 1 CHECK (auto_retaliate IN (0, 1)),
    running INTEGER NOT NULL DEFAULT 0 CHECK (running IN (0, 1)),
    voice_push_to_talk INTEGER NOT NULL DEFAULT 0 CHECK (voice_push_to_talk IN (0, 1)),
    last_login TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE INDEX characters_account ON characters (account_id);

CREATE TABLE inventory (
    character_id INTEGER NOT NULL REFERENCES characters (id) ON DELETE CASCADE,
    slot INTEGER NOT NULL CHECK (slot BETWEEN 0 AND 27),
    item_id INTEGER NOT NULL CHECK (item_id > 0),
    quantity INTEGER NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (character_id, slot)
);

CREATE TABLE equipment (
    character_id INTEGER NOT NULL REFERENCES characters (id) ON DELETE CASCADE,
    slot INTEGER NOT NULL CHECK (slot BETWEEN 0 AND 10),
    item_id INTEGER NOT NULL CHECK (item_id > 0),
    quantity INTEGER NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (character_id, slot)
);

-- Items on the ground survive restarts, so a drop never loses an item.
CREATE TABLE ground_items (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL CHECK (item_id > 0),
    quantity INTEGER NOT NULL CHECK (quantity > 0),
    position_x REAL NOT NULL,
    position_y REAL NOT NULL,
    position_z REAL NOT NULL,
    owner_character_id INTEGER REFERENCES characters (id) ON DELETE SET NULL
);

-- The death lock: a death is recorded in the same transaction that moves its items, once.
CREATE TABLE player_deaths (
    death_id INTEGER PRIMARY KEY,
    character_id INTEGER NOT NULL REFERENCES characters (id) ON DELETE CASCADE,
    position_x REAL NOT NULL,
    position_y REAL NOT NULL,
    position_z REAL NOT NULL,
    items_dropped INTEGER NOT NULL CHECK (items_dropped >= 0),
    died_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE npc_kills (
    character_id INTEGER NOT NULL REFERENCES characters (id) ON DELETE CASCADE,
    npc_type INTEGER NOT NULL CHECK (npc_type > 0),
    kill_count INTEGER NOT NULL CHECK (kill_count > 0),
    PRIMARY KEY (character_id, npc_type)
);

-- Each committed item transaction, so a retried commit applies exactly once.
CREATE TABLE item_transactions (
    id INTEGER PRIMARY KEY,
    kind INTEGER NOT NULL,
    committed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- A friendship is one row, stored with the smaller id first; it holds both ways.
CREATE TABLE friendships (
    character_a INTEGER NOT NULL REFERENCES characters (id) ON DELETE CASCADE,
    character_b INTEGER NOT NULL REFERENCES characters (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    PRIMARY KEY (character_a, character_b),
    CHECK (character_a < character_b)
);

CREATE INDEX friendships_b ON friendships (character_b);

CREATE TABLE friend_requests (
    from_character_id INTEGER NOT NULL REFERENCES characters (id) ON DELETE CASCADE,
    to_character_id INTEGER NOT NULL REFERENCES characters (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    PRIMARY KEY (from_character_id, to_character_id),
    CHECK (from_character_id <> to_character_id)
);

CREATE INDEX friend_requests_to ON friend_requests (to_character_id);

CREATE TABLE ignore_lists (
    character_id INTEGER NOT NULL REFERENCES characters (id) ON DELETE CASCADE,
    ignored_character_id INTEGER NOT NULL REFERENCES characters (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    PRIMARY KEY (character_id, ignored_character_id),
    CHECK (character_id <> ignored_character_id)
);
