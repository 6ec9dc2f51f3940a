namespace Hyperscape.Ecs.Sync;

/// <summary>
/// What one client was last sent of one entity. Position and rotation keep the values sent,
/// because their thresholds compare against them, never against the previous tick, so slow drift
/// is sent once it adds up. The other fields are sent whenever they change, so the frame they
/// were last checked is enough: a group that changed after it is pending, and what goes out is
/// always the latest value. Twenty bytes, so a client's whole view stays small in cache.
/// </summary>
internal struct SyncBaseline
{
    public float X;
    public float Y;
    public float Z;
    public float Yaw;

    /// <summary>The snapshot frame this baseline was compared against last.</summary>
    public uint CheckedFrame;

    /// <summary>The fields whose change since the last check is worth sending.</summary>
    public readonly SyncField Diff(in EntitySnapshot now, float positionThreshold, float rotationThreshold)
    {
        var changed = SyncField.None;
        float dx = now.X - X, dy = now.Y - Y, dz = now.Z - Z;
        if ((dx * dx) + (dy * dy) + (dz * dz) >= positionThreshold * positionThreshold && (dx != 0 || dy != 0 || dz != 0))
        {
            changed |= SyncField.Position;
        }

        // Yaws lie in (-pi, pi], so one wrap brings the difference into range.
        var turn = MathF.Abs(now.Yaw - Yaw);
        if (turn > MathF.PI)
        {
            turn = MathF.Tau - turn;
        }

        if (turn >= rotationThreshold && turn != 0)
        {
            changed |= SyncField.Rotation;
        }

        var checkedAt = CheckedFrame;
        changed |= now.HealthChanged > checkedAt ? SyncField.Health : SyncField.None;
        changed |= now.CombatChanged > checkedAt ? SyncField.Combat : SyncField.None;
        changed |= now.EmoteChanged > checkedAt ? SyncField.Emote : SyncField.None;
        changed |= now.QuantityChanged > checkedAt ? SyncField.Quantity : SyncField.None;
        changed |= now.AppearanceChanged > checkedAt ? SyncField.Appearance : SyncField.None;
        return changed;
    }

    /// <summary>Records that the given fields were sent with the snapshot's values.</summary>
    public void Accept(in EntitySnapshot sent, SyncField fields)
    {
        if ((fields & SyncField.Position) != 0)
        {
            X = sent.X;
            Y = sent.Y;
            Z = sent.Z;
        }

        if ((fields & SyncField.Rotation) != 0)
        {
            Yaw = sent.Yaw;
        }
    }
}
