namespace Hyperscape.Host.Zones;

/// <summary>
/// The receiving zone's memory of the crossings it answered: a repeated doorbell (a retry after a
/// lost reply) gets the same token and loads nothing twice; a doorbell for an epoch older than one
/// already answered is stale and refused. The ownership row in the database is still what decides
/// whether the zone may load the character at all.
/// </summary>
internal sealed class DoorbellLedger
{
    private readonly Dictionary<long, (long Epoch, long HandOffId, string Token)> _answered = [];

    /// <summary>Takes a doorbell; <paramref name="newToken"/> makes the token of a new crossing.</summary>
    public DoorbellAnswer Take(in HandOffTicket ticket, Func<string> newToken, out string? token)
    {
        ArgumentNullException.ThrowIfNull(newToken);
        if (_answered.TryGetValue(ticket.CharacterId, out var known))
        {
            if (known.HandOffId == ticket.HandOffId && known.Epoch == ticket.NextEpoch)
            {
                token = known.Token;
                return DoorbellAnswer.Repeat;
            }

            if (ticket.NextEpoch <= known.Epoch)
            {
                token = null;
                return DoorbellAnswer.Stale;
            }
        }

        token = newToken();
        _answered[ticket.CharacterId] = (ticket.NextEpoch, ticket.HandOffId, token);
        return DoorbellAnswer.Load;
    }

    /// <summary>Forgets a character that left this zone again, so the ledger stays as small as the zone's crossings.</summary>
    public void Forget(long characterId) => _answered.Remove(characterId);
}
