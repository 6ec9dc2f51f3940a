using System.Data.Common;
using System.Globalization;
using System.Text;
using Dapper;
using Hyperscape.Ecs.Content;
using Hyperscape.Ecs.Game;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Persistence;
using Hyperscape.Host.Persistence.Rows;
using Hyperscape.Host.Zones;
using Microsoft.Data.Sqlite;
using Npgsql;
using SQLitePCL;

namespace Hyperscape.Host.Persistence;

/// <summary>
/// The persistence ports over Dapper, for SQLite and PostgreSQL with one set of SQL (both speak
/// <c>ON CONFLICT</c> and <c>RETURNING</c>). Rows are read into typed rows; every command carries
/// the caller's cancellation. Multi-statement writes (an item transaction, a whole-character
/// save) are built once as statements: PostgreSQL runs them as one batch, one round trip, which
/// its protocol makes atomic; SQLite, in-process, runs them in one transaction.
/// </summary>
public sealed class SqlGameStore : IAccountStore, ICharacterStore, ISocialStore, IContentIdStore
{
    private static readonly string ProgressColumnList = string.Join(", ", CharacterColumns.Progress.Select(c => c.Name));
    private static readonly string ProgressParameterList = string.Join(", ", CharacterColumns.Progress.Select(c => "@" + c.Name));
    private static readonly string ProgressAssignments = string.Join(", ", CharacterColumns.Progress.Select(c => $"{c.Name} = @{c.Name}"));

    // The periodic save's statement for SQLite's own binding API: ?1 the id, then the columns in order.
    private static readonly string SqliteProgressUpdate =
        $"UPDATE characters SET {string.Join(", ", CharacterColumns.Progress.Select((c, i) => $"{c.Name} = ?{i + 2}"))} WHERE id = ?1";
    private static readonly string SummaryList = string.Join(", ", CharacterColumns.SummaryColumns);
    private static readonly string SummaryListOfC = string.Join(", ", CharacterColumns.SummaryColumns.Select(c => "c." + c));

    private readonly ConnectionFactory _connections;
    private readonly TimeProvider _clock;

    static SqlGameStore()
    {
        // Rows are classes with PascalCase properties for snake_case columns.
        DefaultTypeMap.MatchNamesWithUnderscores = true;
    }

    /// <summary>Creates a store over the connection factory's database.</summary>
    /// <param name="connections">The database.</param>
    /// <param name="clock">
    /// The clock that turns the game's "breaks in" and "despawns in" into stored moments and back
    /// (the system clock when null): time on the ground passes while no server runs.
    /// </param>
    public SqlGameStore(ConnectionFactory connections, TimeProvider? clock = null)
    {
        _connections = connections ?? throw new ArgumentNullException(nameof(connections));
        _clock = clock ?? TimeProvider.System;
    }

    // ---- accounts --------------------------------------------------------------------------

    /// <inheritdoc />
    public async Task<AccountRecord> GetOrCreateByPrivyUserAsync(string privyUserId, string displayName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(privyUserId);
        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(Command(
            "INSERT INTO users (name, privy_user_id) VALUES (@name, @privy) ON CONFLICT (privy_user_id) DO NOTHING",
            new { name = Truncate(displayName, 64), privy = privyUserId }, cancellationToken)).ConfigureAwait(false);
        var row = await connection.QuerySingleAsync<AccountRow>(Command("SELECT * FROM users WHERE privy_user_id = @privy", new { privy = privyUserId }, cancellationToken)).ConfigureAwait(false);
        return row.ToRecord();
    }

    /// <inheritdoc />
    public async Task<AccountRecord> CreateAnonymousAsync(string displayName, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleAsync<AccountRow>(Command("INSERT INTO users (name) VALUES (@name) RETURNING *", new { name = Truncate(displayName, 64) }, cancellationToken)).ConfigureAwait(false);
        return row.ToRecord();
    }

    /// <inheritdoc />
    public async Task<AccountRecord?> FindAsync(long accountId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<AccountRow>(Command("SELECT * FROM users WHERE id = @accountId", new { accountId }, cancellationToken)).ConfigureAwait(false);
        return row?.ToRecord();
    }

    // ---- characters ------------------------------------------------------------------------

    /// <inheritdoc />
    public async Task<IReadOnlyList<CharacterSummaryRecord>> ListAsync(long accountId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<CharacterSummaryRow>(Command($"SELECT {SummaryList} FROM characters WHERE account_id = @accountId ORDER BY id", new { accountId }, cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToRecord())];
    }

    /// <inheritdoc />
    public async Task<CharacterCreation> CreateAsync(long accountId, CharacterState initial, int maxCharacters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCharacters, 1);
        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await _connections.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);

        // Two connections of one account creating at once must not both pass the cap: PostgreSQL
        // serializes them on the account's row; SQLite's write transaction is exclusive already.
        if (connection is NpgsqlConnection)
        {
            await connection.ExecuteAsync(Command("SELECT id FROM users WHERE id = @accountId FOR UPDATE", new { accountId }, transaction, cancellationToken)).ConfigureAwait(false);
        }

        var count = await connection.ExecuteScalarAsync<long>(Command("SELECT count(*) FROM characters WHERE account_id = @accountId", new { accountId }, transaction, cancellationToken)).ConfigureAwait(false);
        if (count >= maxCharacters)
        {
            return CharacterCreation.LimitReached;
        }

        var created = await InsertCharacterAsync(connection, transaction, accountId, initial, cancellationToken).ConfigureAwait(false);
        if (created.Outcome == CharacterCreationOutcome.Created)
        {
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        return created;
    }

    /// <inheritdoc />
    public async Task<CharacterCreation> CreateWithNewAccountAsync(string accountName, CharacterState initial, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(accountName);
        ArgumentNullException.ThrowIfNull(initial);
        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await _connections.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        var accountId = await connection.ExecuteScalarAsync<long>(Command("INSERT INTO users (name) VALUES (@name) RETURNING id", new { name = Truncate(accountName, 64) }, transaction, cancellationToken)).ConfigureAwait(false);
        var created = await InsertCharacterAsync(connection, transaction, accountId, initial, cancellationToken).ConfigureAwait(false);
        if (created.Outcome == CharacterCreationOutcome.Created)
        {
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        // Otherwise the transaction rolls back with the account row in it.
        return created;
    }

    /// <inheritdoc />
    public async Task<StoredCharacter?> LoadAsync(long characterId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        CharacterState state;
        long accountId;
        bool pushToTalk;
        DateTimeOffset? lastLogin;
        await using (var row = await connection.ExecuteReaderAsync(Command("SELECT * FROM characters WHERE id = @characterId", new { characterId }, cancellationToken)).ConfigureAwait(false))
        {
            if (!await row.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            state = CharacterColumns.Read(row);
            accountId = row.GetInt64(row.GetOrdinal("account_id"));
            pushToTalk = row.GetBoolean(row.GetOrdinal("voice_push_to_talk"));
            var login = row.GetOrdinal("last_login");
            lastLogin = row.IsDBNull(login) ? null : new DateTimeOffset(DateTime.SpecifyKind(row.GetDateTime(login), DateTimeKind.Utc));
        }

        var inventory = default(Inventory);
        foreach (var item in await connection.QueryAsync<ItemRow>(Command("SELECT slot, item_id, quantity FROM inventory WHERE character_id = @characterId", new { characterId }, cancellationToken)).ConfigureAwait(false))
        {
            inventory.Slots[item.Slot] = new ItemStack(item.ItemId, item.Quantity);
        }

        var equipment = default(Equipment);
        foreach (var item in await connection.QueryAsync<ItemRow>(Command("SELECT slot, item_id, quantity FROM equipment WHERE character_id = @characterId", new { characterId }, cancellationToken)).ConfigureAwait(false))
        {
            equipment.Slots[item.Slot] = new ItemStack(item.ItemId, item.Quantity);
        }

        var bankRows = (await connection.QueryAsync<ItemRow>(Command("SELECT slot, item_id, quantity FROM bank WHERE character_id = @characterId ORDER BY slot", new { characterId }, cancellationToken)).ConfigureAwait(false)).ToList();
        var bank = new ItemStack[bankRows.Count == 0 ? 0 : bankRows[^1].Slot + 1];
        foreach (var item in bankRows)
        {
            bank[item.Slot] = new ItemStack(item.ItemId, item.Quantity);
        }

        var kills = (await connection.QueryAsync<KillRow>(Command("SELECT npc_type, kill_count FROM npc_kills WHERE character_id = @characterId", new { characterId }, cancellationToken)).ConfigureAwait(false))
            .ToDictionary(k => k.NpcType, k => k.KillCount);
        return new StoredCharacter(accountId, state with { Inventory = inventory, Equipment = equipment, Bank = bank }, pushToTalk, lastLogin, kills);
    }

    /// <summary>
    /// Zone mode: the epochs this zone holds its characters at. With a fence every write about a
    /// character is conditional on this zone still owning it at that epoch; a refused write throws
    /// <see cref="CharacterFencedException"/> and reports the character lost to the fence.
    /// </summary>
    internal OwnershipFence? Fence { get; set; }

    /// <inheritdoc />
    public Task SaveAsync(CharacterState state, CancellationToken cancellationToken = default) => SaveOwnedAsync(state, release: false, cancellationToken);

    /// <summary>
    /// Saves a whole character; in zone mode only while this zone holds it, and with
    /// <paramref name="release"/> (its departure) letting go of it in the same transaction.
    /// </summary>
    internal async Task SaveOwnedAsync(CharacterState state, bool release, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (Fence is not { } fence)
        {
            if (await RunAsync(SaveStatements(state), gates: 1, cancellationToken).ConfigureAwait(false) >= 0)
            {
                throw new InvalidOperationException($"Character {state.CharacterId} does not exist; it cannot be saved.");
            }

            return;
        }

        if (!fence.TryGetEpoch(state.CharacterId, out var epoch))
        {
            throw new CharacterFencedException([state.CharacterId]);
        }

        List<SqlStatement> statements = [FenceStatement(state.CharacterId, fence.Zone, epoch), .. SaveStatements(state)];
        if (release)
        {
            statements.Add(Statement(
                "UPDATE characters SET owner_zone = NULL, lease_expires_at_unix_ms = NULL WHERE id = @id AND owner_zone = @zone AND owner_epoch = @epoch",
                ("id", state.CharacterId), ("zone", fence.Zone), ("epoch", epoch)));
        }

        if (await RunAsync(statements, gates: 1, cancellationToken).ConfigureAwait(false) == 0)
        {
            fence.Lost(state.CharacterId);
            throw new CharacterFencedException([state.CharacterId]);
        }

        if (release)
        {
            fence.Forget(state.CharacterId);
        }
    }

    /// <summary>
    /// Saves a whole character only while <paramref name="zone"/> holds it at <paramref name="epoch"/>
    /// (<see cref="CharacterOwnership"/>): a zone that lost the character writes nothing and gets false.
    /// </summary>
    internal async Task<bool> SaveFencedAsync(CharacterState state, int zone, long epoch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        return await RunAsync([FenceStatement(state.CharacterId, zone, epoch), .. SaveStatements(state)], gates: 1, cancellationToken).ConfigureAwait(false) < 0;
    }

    /// <summary>
    /// A border crossing's commit: saves the player and moves its ownership to the receiving zone
    /// under the next epoch, in one transaction, only while the sending zone holds it at the
    /// crossing's epoch. Retried after an unknown outcome, a move this crossing already made counts
    /// as committed; anything else is fenced and writes nothing.
    /// </summary>
    internal async Task<CommitOutcome> SaveAndMoveAsync(CharacterState state, HandOffTicket ticket, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        var move = Statement(
            "UPDATE characters SET owner_zone = @to, owner_epoch = @next, lease_expires_at_unix_ms = @until WHERE id = @id AND owner_zone = @from AND owner_epoch = @epoch",
            ("id", ticket.CharacterId), ("to", ticket.ToZone), ("next", ticket.NextEpoch), ("until", leaseUntil.ToUnixTimeMilliseconds()), ("from", ticket.FromZone), ("epoch", ticket.Epoch));
        if (await RunAsync([move, .. SaveStatements(state)], gates: 1, cancellationToken).ConfigureAwait(false) < 0)
        {
            return CommitOutcome.Committed;
        }

        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        var already = await connection.ExecuteScalarAsync<long>(Command(
            "SELECT count(*) FROM characters WHERE id = @id AND owner_zone = @to AND owner_epoch = @next",
            new { id = ticket.CharacterId, to = ticket.ToZone, next = ticket.NextEpoch }, cancellationToken)).ConfigureAwait(false);
        return already == 1 ? CommitOutcome.Committed : CommitOutcome.Fenced;
    }

    /// <summary>A gate that changes nothing and affects the character's row only while the zone holds it at the epoch.</summary>
    private static SqlStatement FenceStatement(long characterId, int zone, long epoch) => Statement(
        "UPDATE characters SET owner_epoch = owner_epoch WHERE id = @id AND owner_zone = @zone AND owner_epoch = @epoch",
        ("id", characterId), ("zone", zone), ("epoch", epoch));

    /// <summary>The statements of a whole-character save: the row (affecting one row when the character exists), its items and its bank.</summary>
    private static List<SqlStatement> SaveStatements(CharacterState state)
    {
        var progress = CharacterColumns.ProgressOf(state);
        var parameters = new List<KeyValuePair<string, object?>>(CharacterColumns.Progress.Length + 3)
        {
            new("id", state.CharacterId),
            new("last_login", DateTime.UtcNow),
            new(CharacterColumns.Coins, CharacterColumns.CoinsCarried(state.Inventory, state.Equipment)),
        };
        parameters.AddRange(CharacterColumns.Progress.Select(c => KeyValuePair.Create(c.Name, (object?)c.Value(progress))));
        return
        [
            new($"UPDATE characters SET {ProgressAssignments}, {CharacterColumns.Coins} = @{CharacterColumns.Coins}, last_login = @last_login WHERE id = @id", parameters),
            .. ReplaceItems(state.CharacterId, state.Inventory, state.Equipment),
            .. ReplaceStacks("bank", "character_id", state.CharacterId, [.. state.Bank]),
        ];
    }

    /// <inheritdoc />
    public async Task SaveProgressAsync(IReadOnlyList<CharacterProgress> progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(progress);
        if (progress.Count == 0)
        {
            return;
        }

        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        if (connection is NpgsqlConnection postgres)
        {
            if (Fence is { } fence)
            {
                await SaveHeldProgressAsync(postgres, fence, progress, cancellationToken).ConfigureAwait(false);
                return;
            }

            await SaveProgressPostgresAsync(postgres, progress, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (Fence is not null)
        {
            throw new InvalidOperationException("Zone mode's fenced saves run on PostgreSQL only.");
        }

        // SQLite is in-process: no round trips to save, so one statement prepared once and run per
        // row in one transaction, bound through SQLite's own API. Through ADO.NET parameters each
        // value cost a binder object, its name in UTF-8 and a box: about 13 MB of garbage for
        // 2,000 characters every 30 seconds, the server's largest source of collections.
        var sqlite = (SqliteConnection)connection;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var db = sqlite.Handle!;
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(db, SqliteProgressUpdate, out var statement), db);
        using (statement)
        {
            var columns = CharacterColumns.Progress;
            foreach (var row in progress)
            {
                cancellationToken.ThrowIfCancellationRequested();
                raw.sqlite3_bind_int64(statement, 1, row.CharacterId);
                for (var i = 0; i < columns.Length; i++)
                {
                    var value = columns[i].Number(row);
                    _ = columns[i].IsReal ? raw.sqlite3_bind_double(statement, i + 2, value) : raw.sqlite3_bind_int64(statement, i + 2, (long)value);
                }

                var done = raw.sqlite3_step(statement);
                if (done != raw.SQLITE_DONE)
                {
                    SqliteException.ThrowExceptionForRC(done, db);
                }

                if (raw.sqlite3_changes(db) != 1)
                {
                    throw new InvalidOperationException($"Character {row.CharacterId} does not exist; its progress cannot be saved.");
                }

                raw.sqlite3_reset(statement);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> CommitAsync(ItemTransaction transaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var statements = new List<SqlStatement>
        {
            // The ledger row goes first: a commit that already happened is found here, and nothing
            // else of it runs again.
            Statement("INSERT INTO item_transactions (id, kind) VALUES (@id, @kind) ON CONFLICT (id) DO NOTHING", ("id", transaction.Id), ("kind", (short)transaction.Kind)),
        };

        if (transaction.Death is { } death)
        {
            statements.Add(Statement(
                "INSERT INTO player_deaths (death_id, character_id, position_x, position_y, position_z, items_dropped) VALUES (@death, @character, @x, @y, @z, @dropped)",
                ("death", death.DeathId), ("character", death.CharacterId), ("x", death.Position.X), ("y", death.Position.Y), ("z", death.Position.Z), ("dropped", death.ItemsDropped)));
        }

        foreach (var items in transaction.Characters)
        {
            statements.AddRange(ReplaceItems(items.CharacterId, items.Inventory, items.Equipment));
            if (items.Bank is { } bank)
            {
                statements.AddRange(ReplaceStacks("bank", "character_id", items.CharacterId, [.. bank]));
            }

            statements.Add(Statement($"UPDATE characters SET {CharacterColumns.Coins} = @coins WHERE id = @id", ("id", items.CharacterId), ("coins", CharacterColumns.CoinsCarried(items.Inventory, items.Equipment))));
        }

        foreach (var removed in transaction.GroundItemsRemoved)
        {
            statements.Add(Statement("DELETE FROM ground_items WHERE id = @id", ("id", removed)));
        }

        var now = _clock.GetUtcNow();
        foreach (var added in transaction.GroundItemsAdded)
        {
            statements.Add(Statement(
                "INSERT INTO ground_items (id, item_id, quantity, position_x, position_y, position_z, owner_character_id, despawns_at_unix_ms) VALUES (@id, @item, @quantity, @x, @y, @z, @owner, @despawns)",
                ("id", added.Id), ("item", added.ItemId), ("quantity", added.Quantity), ("x", added.Position.X), ("y", added.Position.Y), ("z", added.Position.Z), ("owner", added.OwnerCharacterId),
                ("despawns", added.DespawnsIn is { } left ? (now + left).ToUnixTimeMilliseconds() : null)));
        }

        foreach (var removed in transaction.GravestonesRemoved)
        {
            statements.Add(Statement("DELETE FROM gravestones WHERE id = @id", ("id", removed)));
        }

        foreach (var grave in transaction.Gravestones)
        {
            // A grave keeps the moment it breaks from when it was made; looting only changes what is in it.
            statements.Add(Statement(
                "INSERT INTO gravestones (id, death_id, character_id, position_x, position_y, position_z, breaks_at_unix_ms) VALUES (@id, @death, @character, @x, @y, @z, @breaks) ON CONFLICT (id) DO NOTHING",
                ("id", grave.Id), ("death", grave.DeathId), ("character", grave.CharacterId), ("x", grave.Position.X), ("y", grave.Position.Y), ("z", grave.Position.Z),
                ("breaks", (now + grave.BreaksIn).ToUnixTimeMilliseconds())));
            statements.AddRange(ReplaceStacks("gravestone_items", "gravestone_id", grave.Id, [.. grave.Items]));
        }

        foreach (var kill in transaction.Kills)
        {
            statements.Add(Statement(
                "INSERT INTO npc_kills (character_id, npc_type, kill_count) VALUES (@character, @type, @count) ON CONFLICT (character_id, npc_type) DO UPDATE SET kill_count = excluded.kill_count",
                ("character", kill.CharacterId), ("type", kill.NpcType), ("count", kill.Count)));
        }

        // Zone mode: each character the transaction changes is a gate after the ledger row, so a
        // zone that lost one of them writes none of it.
        var gates = 1;
        if (Fence is { } fence)
        {
            foreach (var items in transaction.Characters)
            {
                if (!fence.TryGetEpoch(items.CharacterId, out var epoch))
                {
                    throw new CharacterFencedException([items.CharacterId]);
                }

                statements.Insert(gates++, FenceStatement(items.CharacterId, fence.Zone, epoch));
            }
        }

        var failed = await RunAsync(statements, gates, cancellationToken).ConfigureAwait(false);
        if (failed > 0)
        {
            var lost = transaction.Characters[failed - 1].CharacterId;
            Fence!.Lost(lost);
            throw new CharacterFencedException([lost]);
        }

        return failed < 0;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredGroundItem>> LoadGroundItemsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<GroundItemRow>(Command("SELECT * FROM ground_items ORDER BY id", cancellationToken)).ConfigureAwait(false);
        var now = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        return [.. rows.Select(r => r.ToRecord(now))];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredGravestone>> LoadGravestonesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        var graves = (await connection.QueryAsync<GravestoneRow>(Command("SELECT * FROM gravestones ORDER BY id", cancellationToken)).ConfigureAwait(false)).ToList();
        var items = await connection.QueryAsync<GravestoneItemRow>(Command("SELECT gravestone_id, slot, item_id, quantity FROM gravestone_items", cancellationToken)).ConfigureAwait(false);
        var slots = graves.ToDictionary(g => g.Id, _ => new ItemStack[Gravestone.SlotCount]);
        foreach (var item in items)
        {
            slots[item.GravestoneId][item.Slot] = new ItemStack(item.ItemId, item.Quantity);
        }

        var now = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        return [.. graves.Select(g => g.ToRecord(slots[g.Id], TimeSpan.FromMilliseconds(Math.Max(0, g.BreaksAtUnixMs - now))))];
    }

    /// <inheritdoc />
    public async Task SetPushToTalkAsync(long characterId, bool pushToTalk, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(Command("UPDATE characters SET voice_push_to_talk = @pushToTalk WHERE id = @characterId", new { characterId, pushToTalk }, cancellationToken)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<long> MaxStoredIdAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>(Command(
            "SELECT COALESCE(MAX(m), 0) FROM (SELECT MAX(id) AS m FROM item_transactions UNION ALL SELECT MAX(death_id) FROM player_deaths UNION ALL SELECT MAX(id) FROM ground_items UNION ALL SELECT MAX(id) FROM gravestones) AS ids", cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>
    /// Zone mode: the largest stored id in <paramref name="from"/>..<paramref name="below"/> (a zone's
    /// own id range), or 0: each zone numbers its entities and transactions in its own range.
    /// </summary>
    internal async Task<long> MaxStoredIdAsync(long from, long below, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>(Command(
            "SELECT COALESCE(MAX(m), 0) FROM (SELECT MAX(id) AS m FROM item_transactions WHERE id >= @from AND id < @below " +
            "UNION ALL SELECT MAX(death_id) FROM player_deaths WHERE death_id >= @from AND death_id < @below " +
            "UNION ALL SELECT MAX(id) FROM ground_items WHERE id >= @from AND id < @below " +
            "UNION ALL SELECT MAX(id) FROM gravestones WHERE id >= @from AND id < @below) AS ids", new { from, below }, cancellationToken)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> IsDeathRecordedAsync(long deathId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>(Command("SELECT count(*) FROM player_deaths WHERE death_id = @deathId", new { deathId }, cancellationToken)).ConfigureAwait(false) > 0;
    }

    // ---- social ----------------------------------------------------------------------------

    /// <inheritdoc />
    public async Task<CharacterSummaryRecord?> FindByNameAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<CharacterSummaryRow>(Command($"SELECT {SummaryList} FROM characters WHERE name_key = @key", new { key = name.Trim().ToLowerInvariant() }, cancellationToken)).ConfigureAwait(false);
        return row?.ToRecord();
    }

    /// <inheritdoc />
    public async Task<SocialRelations> GetRelationsAsync(long characterId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        async Task<List<CharacterSummaryRecord>> SummariesAsync(string sql) =>
            [.. (await connection.QueryAsync<CharacterSummaryRow>(Command(sql, new { characterId }, cancellationToken)).ConfigureAwait(false)).Select(r => r.ToRecord())];

        var friends = await SummariesAsync(
            $"SELECT {SummaryListOfC} FROM friendships f JOIN characters c ON c.id = CASE WHEN f.character_a = @characterId THEN f.character_b ELSE f.character_a END " +
            "WHERE f.character_a = @characterId OR f.character_b = @characterId ORDER BY c.name_key").ConfigureAwait(false);
        var ignored = await SummariesAsync(
            $"SELECT {SummaryListOfC} FROM ignore_lists i JOIN characters c ON c.id = i.ignored_character_id WHERE i.character_id = @characterId ORDER BY c.name_key").ConfigureAwait(false);
        var incoming = await SummariesAsync(
            $"SELECT {SummaryListOfC} FROM friend_requests r JOIN characters c ON c.id = r.from_character_id WHERE r.to_character_id = @characterId ORDER BY c.name_key").ConfigureAwait(false);
        var outgoing = await SummariesAsync(
            $"SELECT {SummaryListOfC} FROM friend_requests r JOIN characters c ON c.id = r.to_character_id WHERE r.from_character_id = @characterId ORDER BY c.name_key").ConfigureAwait(false);
        return new SocialRelations(friends, ignored, incoming, outgoing);
    }

    /// <inheritdoc />
    public async Task AddRequestAsync(long fromCharacterId, long toCharacterId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(Command(
            "INSERT INTO friend_requests (from_character_id, to_character_id) VALUES (@fromCharacterId, @toCharacterId) ON CONFLICT DO NOTHING",
            new { fromCharacterId, toCharacterId }, cancellationToken)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task AddFriendshipAsync(long characterA, long characterB, CancellationToken cancellationToken = default) =>
        RunAsync(
        [
            Statement("INSERT INTO friendships (character_a, character_b) VALUES (@low, @high) ON CONFLICT DO NOTHING", ("low", Math.Min(characterA, characterB)), ("high", Math.Max(characterA, characterB))),
            DeleteRequests(characterA, characterB),
        ], gates: 0, cancellationToken);

    /// <inheritdoc />
    public Task RemoveFriendshipAsync(long characterA, long characterB, CancellationToken cancellationToken = default) =>
        RunAsync(
        [
            Statement("DELETE FROM friendships WHERE character_a = @low AND character_b = @high", ("low", Math.Min(characterA, characterB)), ("high", Math.Max(characterA, characterB))),
            DeleteRequests(characterA, characterB),
        ], gates: 0, cancellationToken);

    /// <inheritdoc />
    public async Task AddIgnoreAsync(long characterId, long ignoredCharacterId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(Command(
            "INSERT INTO ignore_lists (character_id, ignored_character_id) VALUES (@characterId, @ignoredCharacterId) ON CONFLICT DO NOTHING",
            new { characterId, ignoredCharacterId }, cancellationToken)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task RemoveIgnoreAsync(long characterId, long ignoredCharacterId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(Command(
            "DELETE FROM ignore_lists WHERE character_id = @characterId AND ignored_character_id = @ignoredCharacterId",
            new { characterId, ignoredCharacterId }, cancellationToken)).ConfigureAwait(false);
    }

    // ---- content ids -----------------------------------------------------------------------

    /// <inheritdoc />
    public async Task<IReadOnlyList<ContentId>> LoadContentIdsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<ContentIdRow>(Command("SELECT kind, key, id FROM content_ids ORDER BY kind, id", cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => new ContentId((ContentKind)r.Kind, r.Key, r.Id))];
    }

    /// <inheritdoc />
    public async Task AddContentIdsAsync(IReadOnlyList<ContentId> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count > 0)
        {
            await RunAsync(
                [.. ids.Select(i => Statement("INSERT INTO content_ids (kind, key, id) VALUES (@kind, @key, @id)", ("kind", (short)i.Kind), ("key", i.Key), ("id", i.Id)))],
                gates: 0,
                cancellationToken).ConfigureAwait(false);
        }
    }

    // ---- helpers ---------------------------------------------------------------------------

    /// <summary>A Dapper command that carries the caller's cancellation to the database (a shutdown's deadline reaches a stuck command).</summary>
    private static CommandDefinition Command(string sql, CancellationToken cancellationToken) =>
        new(sql, cancellationToken: cancellationToken);

    private static CommandDefinition Command(string sql, object? parameters, CancellationToken cancellationToken) =>
        new(sql, parameters, cancellationToken: cancellationToken);

    private static CommandDefinition Command(string sql, object? parameters, DbTransaction? transaction, CancellationToken cancellationToken) =>
        new(sql, parameters, transaction, cancellationToken: cancellationToken);

    private static SqlStatement Statement(string sql, params (string Name, object? Value)[] parameters) =>
        new(sql, [.. parameters.Select(p => KeyValuePair.Create(p.Name, p.Value))]);

    /// <summary>
    /// Runs statements as one atomic write. The first <paramref name="gates"/> statements are gates:
    /// one that changes nothing ends the write there, rolled back, and its index is returned (the
    /// work was already done, or a fence refused it); -1 means everything committed. PostgreSQL gets
    /// each gate, then the rest as one batch: a trade is three round trips (the gate, the batch, the
    /// commit) instead of one per statement.
    /// </summary>
    private async Task<int> RunAsync(IReadOnlyList<SqlStatement> statements, int gates, CancellationToken cancellationToken)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        if (connection is NpgsqlConnection postgres)
        {
            return await RunPostgresAsync(postgres, statements, gates, cancellationToken).ConfigureAwait(false);
        }

        await using var transaction = await _connections.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        var db = ((SqliteConnection)connection).Handle!;
        for (var i = 0; i < statements.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (SqliteStatementRunner.Execute(db, statements[i]) == 0 && i < gates)
            {
                return i;
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return -1;
    }

    private static async Task<int> RunPostgresAsync(NpgsqlConnection connection, IReadOnlyList<SqlStatement> statements, int gates, CancellationToken cancellationToken)
    {
        // BEGIN travels with the first statement; without a gate everything goes in one batch.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < gates; i++)
        {
            await using var gate = Batch(connection, transaction, statements, i, 1);
            if (await gate.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                return i;
            }
        }

        if (gates < statements.Count)
        {
            await using var batch = Batch(connection, transaction, statements, gates, statements.Count - gates);
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return -1;
    }

    private static NpgsqlBatch Batch(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<SqlStatement> statements, int from, int count)
    {
        var batch = new NpgsqlBatch(connection, transaction);
        for (var i = from; i < from + count; i++)
        {
            var command = new NpgsqlBatchCommand(statements[i].Sql);
            foreach (var (name, value) in statements[i].Parameters)
            {
                command.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }

            batch.BatchCommands.Add(command);
        }

        return batch;
    }

    private static async Task<CharacterCreation> InsertCharacterAsync(DbConnection connection, DbTransaction transaction, long accountId, CharacterState initial, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters();
        var progress = CharacterColumns.ProgressOf(initial);
        foreach (var column in CharacterColumns.Progress)
        {
            parameters.Add(column.Name, column.Value(progress));
        }

        parameters.Add("account_id", accountId);
        parameters.Add("name", initial.Name);
        parameters.Add("name_key", initial.Name.ToLowerInvariant());
        parameters.Add(CharacterColumns.Coins, CharacterColumns.CoinsCarried(initial.Inventory, initial.Equipment));
        var id = await connection.ExecuteScalarAsync<long?>(Command(
            $"INSERT INTO characters (account_id, name, name_key, {ProgressColumnList}, {CharacterColumns.Coins}) VALUES (@account_id, @name, @name_key, {ProgressParameterList}, @{CharacterColumns.Coins}) " +
            "ON CONFLICT (name_key) DO NOTHING RETURNING id",
            parameters, transaction, cancellationToken)).ConfigureAwait(false);
        if (id is null)
        {
            return CharacterCreation.NameTaken;
        }

        foreach (var statement in ReplaceItems(id.Value, initial.Inventory, initial.Equipment))
        {
            var values = new DynamicParameters();
            foreach (var (name, value) in statement.Parameters)
            {
                values.Add(name, value);
            }

            await connection.ExecuteAsync(Command(statement.Sql, values, transaction, cancellationToken)).ConfigureAwait(false);
        }

        var state = initial with { CharacterId = id.Value };
        return new CharacterCreation(CharacterCreationOutcome.Created, new StoredCharacter(accountId, state, false, null, new Dictionary<int, int>()));
    }

    /// <summary>A character's item rows rewritten: a delete and one multi-row insert per table.</summary>
    private static IEnumerable<SqlStatement> ReplaceItems(long characterId, in Inventory inventory, in Equipment equipment) =>
        [.. ReplaceStacks("inventory", "character_id", characterId, inventory.Slots), .. ReplaceStacks("equipment", "character_id", characterId, equipment.Slots)];

    /// <summary>Rewrites the stacks a character (or a gravestone: <paramref name="ownerColumn"/>) holds in <paramref name="table"/>, slot by slot.</summary>
    private static List<SqlStatement> ReplaceStacks(string table, string ownerColumn, long ownerId, ReadOnlySpan<ItemStack> stacks)
    {
        var statements = new List<SqlStatement> { Statement($"DELETE FROM {table} WHERE {ownerColumn} = @c", ("c", ownerId)) };
        var sql = new StringBuilder($"INSERT INTO {table} ({ownerColumn}, slot, item_id, quantity) VALUES ");
        var parameters = new List<KeyValuePair<string, object?>> { new("c", ownerId) };
        var rows = 0;
        for (var slot = 0; slot < stacks.Length; slot++)
        {
            var stack = stacks[slot];
            if (stack.IsEmpty)
            {
                continue;
            }

            sql.Append(rows++ == 0 ? string.Empty : ", ").Append(CultureInfo.InvariantCulture, $"(@c, @s{slot}, @i{slot}, @q{slot})");
            parameters.Add(new($"s{slot}", (short)slot));
            parameters.Add(new($"i{slot}", stack.ItemId));
            parameters.Add(new($"q{slot}", stack.Quantity));
        }

        if (rows > 0)
        {
            statements.Add(new SqlStatement(sql.ToString(), parameters));
        }

        return statements;
    }

    private static SqlStatement DeleteRequests(long a, long b) => Statement(
        "DELETE FROM friend_requests WHERE (from_character_id = @a AND to_character_id = @b) OR (from_character_id = @b AND to_character_id = @a)",
        ("a", a), ("b", b));

    private static Task SaveProgressPostgresAsync(NpgsqlConnection connection, IReadOnlyList<CharacterProgress> progress, CancellationToken cancellationToken) =>
        SaveProgressBatchAsync(connection, progress, null, cancellationToken);

    /// <summary>
    /// Zone mode's periodic save: a row is written only while this zone holds its character at the
    /// epoch it knows; the others are skipped and reported lost, never written.
    /// </summary>
    private static async Task SaveHeldProgressAsync(NpgsqlConnection connection, OwnershipFence fence, IReadOnlyList<CharacterProgress> progress, CancellationToken cancellationToken)
    {
        var held = new List<CharacterProgress>(progress.Count);
        var epochs = new List<long>(progress.Count);
        foreach (var row in progress)
        {
            if (fence.TryGetEpoch(row.CharacterId, out var epoch))
            {
                held.Add(row);
                epochs.Add(epoch);
            }
        }

        if (held.Count > 0)
        {
            await SaveProgressBatchAsync(connection, held, (fence, [.. epochs]), cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task SaveProgressBatchAsync(NpgsqlConnection connection, IReadOnlyList<CharacterProgress> progress, (OwnershipFence Fence, long[] Epochs)? held, CancellationToken cancellationToken)
    {
        // Columns as parallel arrays, unnested into rows: the whole batch is one statement.
        var columns = CharacterColumns.Progress;
        var sql = new StringBuilder("UPDATE characters AS c SET ");
        sql.AppendJoin(", ", columns.Select(c => $"{c.Name} = u.{c.Name}"));
        sql.Append(" FROM unnest(@ids::bigint[], @epochs::bigint[], ").AppendJoin(", ", columns.Select((c, i) => $"@p{i}::{c.PostgresType}[]")).Append(") AS u(id, epoch, ")
            .AppendJoin(", ", columns.Select(c => c.Name)).Append(") WHERE c.id = u.id");
        if (held is not null)
        {
            sql.Append(" AND c.owner_zone = @zone AND c.owner_epoch = u.epoch RETURNING c.id");
        }

        await using var command = new NpgsqlCommand(sql.ToString(), connection);
        command.Parameters.Add(new NpgsqlParameter("ids", progress.Select(p => p.CharacterId).ToArray()));
        command.Parameters.Add(new NpgsqlParameter("epochs", held?.Epochs ?? new long[progress.Count]));
        command.Parameters.Add(new NpgsqlParameter("zone", held?.Fence.Zone ?? 0));
        for (var i = 0; i < columns.Length; i++)
        {
            var column = columns[i];
            command.Parameters.Add(new NpgsqlParameter($"p{i}", column.PostgresType switch
            {
                "integer" => progress.Select(p => (int)column.Value(p)).ToArray(),
                "bigint" => progress.Select(p => (long)column.Value(p)).ToArray(),
                "real" => progress.Select(p => (float)column.Value(p)).ToArray(),
                "smallint" => progress.Select(p => (short)column.Value(p)).ToArray(),
                _ => (Array)progress.Select(p => (bool)column.Value(p)).ToArray(),
            }));
        }

        if (held is { } fenced)
        {
            var written = new HashSet<long>();
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    written.Add(reader.GetInt64(0));
                }
            }

            foreach (var row in progress.Where(p => !written.Contains(p.CharacterId)))
            {
                fenced.Fence.Lost(row.CharacterId);
            }

            return;
        }

        var updated = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        if (updated != progress.Count)
        {
            throw new InvalidOperationException($"The progress batch updated {updated} of {progress.Count} characters; some do not exist.");
        }
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
