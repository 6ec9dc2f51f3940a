using System.Data.Common;
using System.Globalization;
using System.Text;
using Dapper;
using Hyperscape.Ecs.Game;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Persistence;
using Npgsql;

namespace Hyperscape.Host.Persistence;

/// <summary>
/// The persistence ports over Dapper, for SQLite and PostgreSQL with one set of SQL (both speak
/// <c>ON CONFLICT</c> and <c>RETURNING</c>). The one engine-specific path is the periodic save,
/// which on PostgreSQL is a single <c>UPDATE ... FROM unnest(...)</c> statement: one round trip per batch.
/// </summary>
public sealed class SqlGameStore(ConnectionFactory connections) : IAccountStore, ICharacterStore, ISocialStore
{
    private static readonly string StateColumnList = string.Join(", ", CharacterColumns.State);
    private static readonly string StateParameterList = string.Join(", ", CharacterColumns.State.Select(c => "@" + c));
    private static readonly string StateAssignments = string.Join(", ", CharacterColumns.State.Select(c => $"{c} = @{c}"));

    private readonly ConnectionFactory _connections = connections ?? throw new ArgumentNullException(nameof(connections));

    // ---- accounts --------------------------------------------------------------------------

    /// <inheritdoc />
    public async Task<AccountRecord> GetOrCreateByPrivyUserAsync(string privyUserId, string displayName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(privyUserId);
        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(Command(
            "INSERT INTO users (name, privy_user_id) VALUES (@name, @privy) ON CONFLICT (privy_user_id) DO NOTHING",
            new { name = Truncate(displayName, 64), privy = privyUserId }, cancellationToken)).ConfigureAwait(false);
        var row = await connection.QuerySingleAsync(Command("SELECT * FROM users WHERE privy_user_id = @privy", new { privy = privyUserId }, cancellationToken)).ConfigureAwait(false);
        return ReadAccount(row);
    }

    /// <inheritdoc />
    public async Task<AccountRecord> CreateAnonymousAsync(string displayName, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleAsync(Command("INSERT INTO users (name) VALUES (@name) RETURNING *", new { name = Truncate(displayName, 64) }, cancellationToken)).ConfigureAwait(false);
        return ReadAccount(row);
    }

    /// <inheritdoc />
    public async Task<AccountRecord?> FindAsync(long accountId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync(Command("SELECT * FROM users WHERE id = @accountId", new { accountId }, cancellationToken)).ConfigureAwait(false);
        return row is null ? null : ReadAccount(row);
    }

    // ---- characters ------------------------------------------------------------------------

    /// <inheritdoc />
    public async Task<IReadOnlyList<CharacterSummaryRecord>> ListAsync(long accountId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync(Command($"SELECT {CharacterColumns.Summary} FROM characters WHERE account_id = @accountId ORDER BY id", new { accountId }, cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => Summary((IDictionary<string, object>)r)).ToList();
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
        var row = (IDictionary<string, object>?)await connection.QuerySingleOrDefaultAsync(Command("SELECT * FROM characters WHERE id = @characterId", new { characterId }, cancellationToken)).ConfigureAwait(false);
        if (row is null)
        {
            return null;
        }

        var inventory = default(Inventory);
        foreach (var item in await connection.QueryAsync(Command("SELECT slot, item_id, quantity FROM inventory WHERE character_id = @characterId", new { characterId }, cancellationToken)).ConfigureAwait(false))
        {
            var stack = (IDictionary<string, object>)item;
            inventory.Slots[(int)CharacterColumns.Long(stack["slot"])] = new ItemStack((int)CharacterColumns.Long(stack["item_id"]), (int)CharacterColumns.Long(stack["quantity"]));
        }

        var equipment = default(Equipment);
        foreach (var item in await connection.QueryAsync(Command("SELECT slot, item_id, quantity FROM equipment WHERE character_id = @characterId", new { characterId }, cancellationToken)).ConfigureAwait(false))
        {
            var stack = (IDictionary<string, object>)item;
            equipment.Slots[(int)CharacterColumns.Long(stack["slot"])] = new ItemStack((int)CharacterColumns.Long(stack["item_id"]), (int)CharacterColumns.Long(stack["quantity"]));
        }

        var kills = new Dictionary<int, int>();
        foreach (var kill in await connection.QueryAsync(Command("SELECT npc_type, kill_count FROM npc_kills WHERE character_id = @characterId", new { characterId }, cancellationToken)).ConfigureAwait(false))
        {
            var entry = (IDictionary<string, object>)kill;
            kills[(int)CharacterColumns.Long(entry["npc_type"])] = (int)CharacterColumns.Long(entry["kill_count"]);
        }

        var state = CharacterColumns.Read(row) with { Inventory = inventory, Equipment = equipment };
        return new StoredCharacter(CharacterColumns.Long(row["account_id"]), state, CharacterColumns.Bool(row["voice_push_to_talk"]), CharacterColumns.Time(row["last_login"]), kills);
    }

    /// <inheritdoc />
    public async Task SaveAsync(CharacterState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var parameters = new DynamicParameters(CharacterColumns.Values(state));
        parameters.Add("id", state.CharacterId);
        parameters.Add("last_login", DateTimeOffset.UtcNow);
        var updated = await connection.ExecuteAsync(Command($"UPDATE characters SET {StateAssignments}, last_login = @last_login WHERE id = @id", parameters, transaction, cancellationToken)).ConfigureAwait(false);
        if (updated != 1)
        {
            throw new InvalidOperationException($"Character {state.CharacterId} does not exist; it cannot be saved.");
        }

        await ReplaceItemsAsync(connection, transaction, state.CharacterId, state.Inventory, state.Equipment, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
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
            await SaveProgressPostgresAsync(postgres, progress, cancellationToken).ConfigureAwait(false);
            return;
        }

        // SQLite is in-process: no round trips to save, so one statement prepared once and run per
        // row in one transaction. Plain ADO.NET here: building Dapper parameters per row cost
        // about 29 KB of garbage per character.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = ProgressUpdateSql;
        var parameters = new DbParameter[ProgressColumnNames.Length + 1];
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i] = command.CreateParameter();
            parameters[i].ParameterName = i == 0 ? "@id" : "@" + ProgressColumnNames[i - 1];
            command.Parameters.Add(parameters[i]);
        }

        await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
        foreach (var row in progress)
        {
            parameters[0].Value = row.CharacterId;
            var next = 1;
            foreach (var skill in row.Skills.Values)
            {
                parameters[next++].Value = skill.Level;
                parameters[next++].Value = (long)skill.XpTenths;
            }

            parameters[next++].Value = row.Position.X;
            parameters[next++].Value = row.Position.Y;
            parameters[next++].Value = row.Position.Z;
            parameters[next++].Value = row.Health.Current;
            parameters[next++].Value = row.Health.Max;
            parameters[next++].Value = (short)row.AttackStyle;
            parameters[next++].Value = row.AutoRetaliate;
            parameters[next].Value = row.Running;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> CommitAsync(ItemTransaction transaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var dbTransaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // The ledger row goes first: a retry of a commit that actually succeeded finds it and stops.
        var fresh = await connection.ExecuteAsync(Command(
            "INSERT INTO item_transactions (id, kind) VALUES (@id, @kind) ON CONFLICT (id) DO NOTHING",
            new { id = transaction.Id, kind = (short)transaction.Kind }, dbTransaction, cancellationToken)).ConfigureAwait(false);
        if (fresh == 0)
        {
            await dbTransaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            return false;
        }

        if (transaction.Death is { } death)
        {
            await connection.ExecuteAsync(Command(
                "INSERT INTO player_deaths (death_id, character_id, position_x, position_y, position_z, items_dropped) VALUES (@DeathId, @CharacterId, @x, @y, @z, @ItemsDropped)",
                new { death.DeathId, death.CharacterId, x = death.Position.X, y = death.Position.Y, z = death.Position.Z, death.ItemsDropped }, dbTransaction, cancellationToken)).ConfigureAwait(false);
        }

        foreach (var items in transaction.Characters)
        {
            await ReplaceItemsAsync(connection, dbTransaction, items.CharacterId, items.Inventory, items.Equipment, cancellationToken).ConfigureAwait(false);
            await connection.ExecuteAsync(Command("UPDATE characters SET coins = @coins WHERE id = @id",
                new { id = items.CharacterId, coins = CharacterColumns.CoinsCarried(items.Inventory, items.Equipment) }, dbTransaction, cancellationToken)).ConfigureAwait(false);
        }

        foreach (var removed in transaction.GroundItemsRemoved)
        {
            await connection.ExecuteAsync(Command("DELETE FROM ground_items WHERE id = @removed", new { removed }, dbTransaction, cancellationToken)).ConfigureAwait(false);
        }

        foreach (var added in transaction.GroundItemsAdded)
        {
            await connection.ExecuteAsync(Command(
                "INSERT INTO ground_items (id, item_id, quantity, position_x, position_y, position_z, owner_character_id) VALUES (@Id, @ItemId, @Quantity, @x, @y, @z, @OwnerCharacterId)",
                new { added.Id, added.ItemId, added.Quantity, x = added.Position.X, y = added.Position.Y, z = added.Position.Z, added.OwnerCharacterId }, dbTransaction, cancellationToken)).ConfigureAwait(false);
        }

        foreach (var kill in transaction.Kills)
        {
            await connection.ExecuteAsync(Command(
                "INSERT INTO npc_kills (character_id, npc_type, kill_count) VALUES (@CharacterId, @NpcType, @Count) " +
                "ON CONFLICT (character_id, npc_type) DO UPDATE SET kill_count = excluded.kill_count",
                new { kill.CharacterId, kill.NpcType, kill.Count }, dbTransaction, cancellationToken)).ConfigureAwait(false);
        }

        await dbTransaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredGroundItem>> LoadGroundItemsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync(Command("SELECT * FROM ground_items ORDER BY id", cancellationToken)).ConfigureAwait(false);
        return rows.Select(r =>
        {
            var row = (IDictionary<string, object>)r;
            return new StoredGroundItem(
                CharacterColumns.Long(row["id"]),
                (int)CharacterColumns.Long(row["item_id"]),
                (int)CharacterColumns.Long(row["quantity"]),
                new Position(CharacterColumns.Float(row["position_x"]), CharacterColumns.Float(row["position_y"]), CharacterColumns.Float(row["position_z"])),
                row["owner_character_id"] is null or DBNull ? null : CharacterColumns.Long(row["owner_character_id"]));
        }).ToList();
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
            "SELECT COALESCE(MAX(m), 0) FROM (SELECT MAX(id) AS m FROM item_transactions UNION ALL SELECT MAX(death_id) FROM player_deaths UNION ALL SELECT MAX(id) FROM ground_items) AS ids", cancellationToken)).ConfigureAwait(false);
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
        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync(Command($"SELECT {CharacterColumns.Summary} FROM characters WHERE name_key = @key", new { key = name.Trim().ToLowerInvariant() }, cancellationToken)).ConfigureAwait(false);
        return row is null ? null : Summary((IDictionary<string, object>)row);
    }

    /// <inheritdoc />
    public async Task<SocialRelations> GetRelationsAsync(long characterId, CancellationToken cancellationToken = default)
    {
        var summary = string.Join(", ", CharacterColumns.Summary.Split(", ").Select(c => "c." + c));
        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        var friends = await connection.QueryAsync(Command(
            $"SELECT {summary} FROM friendships f JOIN characters c ON c.id = CASE WHEN f.character_a = @characterId THEN f.character_b ELSE f.character_a END " +
            "WHERE f.character_a = @characterId OR f.character_b = @characterId ORDER BY c.name_key", new { characterId }, cancellationToken)).ConfigureAwait(false);
        var ignored = await connection.QueryAsync(Command(
            $"SELECT {summary} FROM ignore_lists i JOIN characters c ON c.id = i.ignored_character_id WHERE i.character_id = @characterId ORDER BY c.name_key", new { characterId }, cancellationToken)).ConfigureAwait(false);
        var incoming = await connection.QueryAsync(Command(
            $"SELECT {summary} FROM friend_requests r JOIN characters c ON c.id = r.from_character_id WHERE r.to_character_id = @characterId ORDER BY c.name_key", new { characterId }, cancellationToken)).ConfigureAwait(false);
        var outgoing = await connection.QueryAsync(Command(
            $"SELECT {summary} FROM friend_requests r JOIN characters c ON c.id = r.to_character_id WHERE r.from_character_id = @characterId ORDER BY c.name_key", new { characterId }, cancellationToken)).ConfigureAwait(false);
        return new SocialRelations(Summaries(friends), Summaries(ignored), Summaries(incoming), Summaries(outgoing));
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
    public async Task AddFriendshipAsync(long characterA, long characterB, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(Command(
            "INSERT INTO friendships (character_a, character_b) VALUES (@low, @high) ON CONFLICT DO NOTHING",
            new { low = Math.Min(characterA, characterB), high = Math.Max(characterA, characterB) }, transaction, cancellationToken)).ConfigureAwait(false);
        await DeleteRequestsAsync(connection, transaction, characterA, characterB, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task RemoveFriendshipAsync(long characterA, long characterB, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(Command(
            "DELETE FROM friendships WHERE character_a = @low AND character_b = @high",
            new { low = Math.Min(characterA, characterB), high = Math.Max(characterA, characterB) }, transaction, cancellationToken)).ConfigureAwait(false);
        await DeleteRequestsAsync(connection, transaction, characterA, characterB, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

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

    // ---- helpers ---------------------------------------------------------------------------

    private static async Task<CharacterCreation> InsertCharacterAsync(DbConnection connection, DbTransaction transaction, long accountId, CharacterState initial, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters(CharacterColumns.Values(initial));
        parameters.Add("account_id", accountId);
        parameters.Add("name", initial.Name);
        parameters.Add("name_key", initial.Name.ToLowerInvariant());
        var id = await connection.ExecuteScalarAsync<long?>(Command(
            $"INSERT INTO characters (account_id, name, name_key, {StateColumnList}) VALUES (@account_id, @name, @name_key, {StateParameterList}) " +
            "ON CONFLICT (name_key) DO NOTHING RETURNING id",
            parameters, transaction, cancellationToken)).ConfigureAwait(false);
        if (id is null)
        {
            return CharacterCreation.NameTaken;
        }

        var state = initial with { CharacterId = id.Value };
        await ReplaceItemsAsync(connection, transaction, id.Value, state.Inventory, state.Equipment, cancellationToken).ConfigureAwait(false);
        return new CharacterCreation(CharacterCreationOutcome.Created, new StoredCharacter(accountId, state, false, null, new Dictionary<int, int>()));
    }

    /// <summary>A Dapper command that carries the caller's cancellation to the database (a shutdown's deadline reaches a stuck command).</summary>
    private static CommandDefinition Command(string sql, CancellationToken cancellationToken) =>
        new(sql, cancellationToken: cancellationToken);

    private static CommandDefinition Command(string sql, object? parameters, CancellationToken cancellationToken) =>
        new(sql, parameters, cancellationToken: cancellationToken);

    private static CommandDefinition Command(string sql, object? parameters, DbTransaction? transaction, CancellationToken cancellationToken) =>
        new(sql, parameters, transaction, cancellationToken: cancellationToken);

    /// <summary>Rewrites a character's item rows: one delete and one multi-row insert per table.</summary>
    private static async Task ReplaceItemsAsync(DbConnection connection, DbTransaction transaction, long characterId, Inventory inventory, Equipment equipment, CancellationToken cancellationToken)
    {
        await ReplaceStacksAsync(connection, transaction, "inventory", characterId, inventory.Slots, cancellationToken).ConfigureAwait(false);
        await ReplaceStacksAsync(connection, transaction, "equipment", characterId, equipment.Slots, cancellationToken).ConfigureAwait(false);
    }

    private static async Task ReplaceStacksAsync(DbConnection connection, DbTransaction transaction, string table, long characterId, ReadOnlyMemory<ItemStack> stacks, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(Command($"DELETE FROM {table} WHERE character_id = @characterId", new { characterId }, transaction, cancellationToken)).ConfigureAwait(false);
        var sql = new StringBuilder($"INSERT INTO {table} (character_id, slot, item_id, quantity) VALUES ");
        var parameters = new DynamicParameters();
        parameters.Add("c", characterId);
        var rows = 0;
        for (var slot = 0; slot < stacks.Length; slot++)
        {
            var stack = stacks.Span[slot];
            if (stack.IsEmpty)
            {
                continue;
            }

            sql.Append(rows++ == 0 ? string.Empty : ", ").Append(CultureInfo.InvariantCulture, $"(@c, @s{slot}, @i{slot}, @q{slot})");
            parameters.Add($"s{slot}", (short)slot);
            parameters.Add($"i{slot}", stack.ItemId);
            parameters.Add($"q{slot}", stack.Quantity);
        }

        if (rows > 0)
        {
            await connection.ExecuteAsync(Command(sql.ToString(), parameters, transaction, cancellationToken)).ConfigureAwait(false);
        }
    }

    private static Task ReplaceStacksAsync(DbConnection connection, DbTransaction transaction, string table, long characterId, InventorySlots slots, CancellationToken cancellationToken) =>
        ReplaceStacksAsync(connection, transaction, table, characterId, ((ReadOnlySpan<ItemStack>)slots).ToArray(), cancellationToken);

    private static Task ReplaceStacksAsync(DbConnection connection, DbTransaction transaction, string table, long characterId, EquipmentSlots slots, CancellationToken cancellationToken) =>
        ReplaceStacksAsync(connection, transaction, table, characterId, ((ReadOnlySpan<ItemStack>)slots).ToArray(), cancellationToken);

    private static async Task DeleteRequestsAsync(DbConnection connection, DbTransaction transaction, long a, long b, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(Command(
            "DELETE FROM friend_requests WHERE (from_character_id = @a AND to_character_id = @b) OR (from_character_id = @b AND to_character_id = @a)",
            new { a, b }, transaction, cancellationToken)).ConfigureAwait(false);

    /// <summary>The progress columns, in the order the SQLite save fills them (skills in catalog order first).</summary>
    private static readonly string[] ProgressColumnNames =
    [
        .. CharacterColumns.SkillNames.SelectMany(s => new[] { $"{s}_level", $"{s}_xp" }),
        "position_x", "position_y", "position_z", "health", "max_health", "attack_style", "auto_retaliate", "running",
    ];

    private static readonly string ProgressUpdateSql =
        $"UPDATE characters SET {string.Join(", ", ProgressColumnNames.Select(c => $"{c} = @{c}"))} WHERE id = @id";

    private static async Task SaveProgressPostgresAsync(NpgsqlConnection connection, IReadOnlyList<CharacterProgress> progress, CancellationToken cancellationToken)
    {
        // Columns as parallel arrays, unnested into rows: the whole batch is one statement.
        var count = progress.Count;
        var columns = new List<(string Name, string Type, Array Values)>
        {
            ("id", "bigint", progress.Select(p => p.CharacterId).ToArray()),
            ("position_x", "real", progress.Select(p => p.Position.X).ToArray()),
            ("position_y", "real", progress.Select(p => p.Position.Y).ToArray()),
            ("position_z", "real", progress.Select(p => p.Position.Z).ToArray()),
            ("health", "integer", progress.Select(p => p.Health.Current).ToArray()),
            ("max_health", "integer", progress.Select(p => p.Health.Max).ToArray()),
            ("attack_style", "smallint", progress.Select(p => (short)p.AttackStyle).ToArray()),
            ("auto_retaliate", "boolean", progress.Select(p => p.AutoRetaliate).ToArray()),
            ("running", "boolean", progress.Select(p => p.Running).ToArray()),
        };
        for (var s = 0; s < CharacterColumns.SkillNames.Length; s++)
        {
            var skill = s;
            columns.Add(($"{CharacterColumns.SkillNames[s]}_level", "integer", progress.Select(p => p.Skills.Values[skill].Level).ToArray()));
            columns.Add(($"{CharacterColumns.SkillNames[s]}_xp", "bigint", progress.Select(p => (long)p.Skills.Values[skill].XpTenths).ToArray()));
        }

        var sql = new StringBuilder("UPDATE characters AS c SET ");
        sql.AppendJoin(", ", columns.Skip(1).Select(c => $"{c.Name} = u.{c.Name}"));
        sql.Append(" FROM unnest(").AppendJoin(", ", columns.Select((c, i) => $"@p{i}::{c.Type}[]")).Append(") AS u(")
            .AppendJoin(", ", columns.Select(c => c.Name)).Append(") WHERE c.id = u.id");
        await using var command = new NpgsqlCommand(sql.ToString(), connection);
        for (var i = 0; i < columns.Count; i++)
        {
            command.Parameters.Add(new NpgsqlParameter($"p{i}", columns[i].Values));
        }

        var updated = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        if (updated != count)
        {
            throw new InvalidOperationException($"The progress batch updated {updated} of {count} characters; some do not exist.");
        }
    }

    private static AccountRecord ReadAccount(dynamic row)
    {
        var values = (IDictionary<string, object>)row;
        return new AccountRecord(
            CharacterColumns.Long(values["id"]),
            (string)values["name"],
            values["privy_user_id"] as string,
            values["farcaster_fid"] is null or DBNull ? null : CharacterColumns.Long(values["farcaster_fid"]),
            values["wallet"] as string,
            CharacterColumns.Time(values["created_at"]) ?? DateTimeOffset.UnixEpoch);
    }

    private static CharacterSummaryRecord Summary(IDictionary<string, object> row) =>
        new(CharacterColumns.Long(row["id"]), (string)row["name"], CharacterColumns.CombatLevelOf(row));

    private static List<CharacterSummaryRecord> Summaries(IEnumerable<dynamic> rows) =>
        rows.Select(r => Summary((IDictionary<string, object>)r)).ToList();

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
