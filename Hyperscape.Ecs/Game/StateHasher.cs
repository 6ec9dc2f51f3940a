using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Store;

namespace Hyperscape.Ecs.Game;

/// <summary>Hashes everything that defines a simulation's state, in a stable order, for determinism checks.</summary>
internal static class StateHasher
{
    public static ulong Compute(GameContext context)
    {
        var world = context.World;
        var hash = new StateHash();
        hash.Add(context.Tick);
        var (s0, s1, s2, s3) = context.Random.State;
        hash.Add(s0);
        hash.Add(s1);
        hash.Add(s2);
        hash.Add(s3);

        var networked = new List<(long Id, Entity Entity)>();
        foreach (var chunk in world.Query(new QueryDescription().WithAll<NetworkIdentity>().WithNone<Ghost>()).GetChunks())
        {
            var ids = chunk.GetReadOnlySpan<NetworkIdentity>();
            for (var i = 0; i < ids.Length; i++)
            {
                networked.Add((ids[i].Id, chunk.Entities[i]));
            }
        }

        networked.Sort((a, b) => a.Id.CompareTo(b.Id));
        foreach (var (id, entity) in networked)
        {
            hash.Add(id);
            HashEntity(world, entity, ref hash);
        }

        foreach (var chunk in world.Query(new QueryDescription().WithAll<NpcSpawn>()).GetChunks())
        {
            foreach (var spawn in chunk.GetReadOnlySpan<NpcSpawn>())
            {
                hash.Add(spawn.DefinitionId);
                hash.Add(spawn.Tile.X);
                hash.Add(spawn.Tile.Z);
                hash.Add(spawn.Current);
                hash.Add(spawn.RespawnAtTick);
            }
        }

        // Projectiles in flight are state too: a hit still to land.
        foreach (var hit in context.PendingHits)
        {
            hash.Add(hit.Attacker);
            hash.Add(hit.Target);
            hash.Add(hit.Damage);
            hash.Add(hit.LandTick);
            hash.Add((long)hit.Style);
            hash.Add((long)hit.Type);
            hash.Add(hit.BaseXpTenths);
        }

        return hash.Value;
    }

    private static void HashEntity(World world, Entity entity, ref StateHash hash)
    {
        if (world.TryGet<Position>(entity, out var position))
        {
            hash.Add(position.X);
            hash.Add(position.Y);
            hash.Add(position.Z);
        }

        if (world.TryGet<Rotation>(entity, out var rotation))
        {
            hash.Add(rotation.Yaw);
        }

        if (world.TryGet<Health>(entity, out var health))
        {
            hash.Add(health.Current);
            hash.Add(health.Max);
        }

        if (world.TryGet<Skills>(entity, out var skills))
        {
            for (var i = 0; i < Skills.Count; i++)
            {
                hash.Add(skills.Values[i].Level);
                hash.Add(skills.Values[i].XpTenths);
            }
        }

        if (world.TryGet<Inventory>(entity, out var inventory))
        {
            for (var i = 0; i < Inventory.SlotCount; i++)
            {
                hash.Add(inventory.Slots[i].ItemId);
                hash.Add(inventory.Slots[i].Quantity);
            }
        }

        if (world.TryGet<Equipment>(entity, out var equipment))
        {
            for (var i = 0; i < Equipment.SlotCount; i++)
            {
                hash.Add(equipment.Slots[i].ItemId);
                hash.Add(equipment.Slots[i].Quantity);
            }
        }

        if (world.TryGet<CombatState>(entity, out var combat))
        {
            hash.Add(combat.Target);
            hash.Add(combat.LastAttacker);
            hash.Add(combat.NextAttackTick);
            hash.Add(combat.NextEatTick);
            hash.Add(combat.InCombatUntilTick);
            hash.Add((long)combat.Style);
            hash.Add((long)combat.AttackType);
            hash.Add((long)combat.Option);
            hash.Add(combat.AutoRetaliate);
            hash.Add(combat.Spell);
            hash.Add(combat.Autocast);
        }

        if (world.TryGet<Processing>(entity, out var processing))
        {
            hash.Add((long)processing.Kind);
            hash.Add(processing.ItemId);
            hash.Add(processing.Station);
            hash.Add(processing.Remaining);
            hash.Add(processing.NextTick);
        }

        if (world.TryGet<Agility>(entity, out var agility))
        {
            hash.Add(agility.Obstacle);
            hash.Add(agility.LandTick);
            hash.Add(agility.Course);
            hash.Add(agility.Crossed);
        }

        if (world.TryGet<WorldObject>(entity, out var placed))
        {
            hash.Add((long)placed.Kind);
            hash.Add(placed.Variant);
        }

        if (world.TryGet<Burning>(entity, out var burning))
        {
            hash.Add(burning.OutAtTick);
            hash.Add(burning.AshesId);
        }

        if (world.TryGet<PrayerState>(entity, out var prayer))
        {
            hash.Add(prayer.Points);
            hash.Add(prayer.Active);
            hash.Add(prayer.DrainCounter);
        }

        if (world.TryGet<Movement>(entity, out var movement))
        {
            hash.Add(movement.Destination.X);
            hash.Add(movement.Destination.Z);
            hash.Add(movement.Follow);
            hash.Add((long)movement.Count);
            hash.Add((long)movement.Next);
            hash.Add(movement.Running);
            hash.Add(movement.HasDestination);
        }

        if (world.TryGet<GroundItem>(entity, out var ground))
        {
            hash.Add(ground.ItemId);
            hash.Add(ground.Quantity);
            hash.Add(ground.OwnerId);
            hash.Add(ground.ProtectedUntilTick);
            hash.Add(ground.DespawnAtTick);
        }

        if (world.TryGet<Gravestone>(entity, out var grave))
        {
            hash.Add(grave.OwnerCharacterId);
            hash.Add(grave.DeathId);
            hash.Add(grave.BreaksAtTick);
            foreach (var stack in grave.Slots)
            {
                hash.Add(stack.ItemId);
                hash.Add(stack.Quantity);
            }
        }

        if (world.TryGet<Gathering>(entity, out var gathering))
        {
            hash.Add(gathering.Node);
            hash.Add(gathering.NextRollTick);
        }

        if (world.TryGet<ResourceNode>(entity, out var node))
        {
            hash.Add(node.DefinitionId);
            hash.Add(node.Depleted);
            hash.Add(node.RespawnAtTick);
            hash.Add(node.MoveAtTick);
            hash.Add(node.TileIndex);
        }

        if (world.TryGet<Dying>(entity, out var dying))
        {
            hash.Add(dying.DeathId);
            hash.Add(dying.RespawnAtTick);
        }
    }
}
