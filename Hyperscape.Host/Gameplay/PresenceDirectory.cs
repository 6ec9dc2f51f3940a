namespace Hyperscape.Host.Gameplay;

/// <summary>
/// Who is in the world, found by character, network id, name, resume token or connection. A
/// character is in it once; a connection plays at most one character. Game-loop thread only.
/// </summary>
internal sealed class PresenceDirectory
{
    private readonly Dictionary<long, PlayerPresence> _byCharacter = [];
    private readonly Dictionary<long, PlayerPresence> _byNetworkId = [];
    private readonly Dictionary<string, PlayerPresence> _byResumeToken = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PlayerPresence> _byName = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<long, PlayerPresence> _byClient = [];

    /// <summary>Characters in the world, connected or in their grace period.</summary>
    public IEnumerable<PlayerPresence> All => _byCharacter.Values;

    /// <summary>Everyone, enumerable without allocating (the loop walks it every tick in zone mode).</summary>
    public Dictionary<long, PlayerPresence>.ValueCollection Everyone => _byCharacter.Values;

    /// <summary>Connections playing a character.</summary>
    public int Connected => _byClient.Count;

    public void Add(PlayerPresence presence)
    {
        _byCharacter.Add(presence.CharacterId, presence);
        _byNetworkId.Add(presence.NetworkId, presence);
        _byResumeToken.Add(presence.ResumeToken, presence);
        _byName[presence.Name] = presence;
    }

    /// <summary>Forgets a character; false when it was not here.</summary>
    public bool Remove(PlayerPresence presence)
    {
        if (!_byCharacter.Remove(presence.CharacterId))
        {
            return false;
        }

        _byNetworkId.Remove(presence.NetworkId);
        _byResumeToken.Remove(presence.ResumeToken);
        _byName.Remove(presence.Name);
        if (presence.Link is { } link)
        {
            _byClient.Remove(link.ClientId);
        }

        return true;
    }

    public bool TryGetByCharacter(long characterId, out PlayerPresence presence) => _byCharacter.TryGetValue(characterId, out presence!);

    public bool TryGetByNetworkId(long networkId, out PlayerPresence presence) => _byNetworkId.TryGetValue(networkId, out presence!);

    public bool TryGetByName(string name, out PlayerPresence presence) => _byName.TryGetValue(name, out presence!);

    public bool TryGetByResumeToken(string token, out PlayerPresence presence) => _byResumeToken.TryGetValue(token, out presence!);

    public bool TryGetByClient(long clientId, out PlayerPresence presence) => _byClient.TryGetValue(clientId, out presence!);

    /// <summary>Connects a character to a connection; returns the connection it had before, if another.</summary>
    public IClientLink? Attach(PlayerPresence presence, IClientLink link)
    {
        var previous = presence.Link;
        if (previous is not null)
        {
            _byClient.Remove(previous.ClientId);
        }

        presence.Link = link;
        presence.GraceUntil = DateTimeOffset.MaxValue;
        _byClient[link.ClientId] = presence;
        return previous == link ? null : previous;
    }

    /// <summary>The connection dropped: the character stays, resumable, until <paramref name="graceUntil"/>.</summary>
    public PlayerPresence? Detach(IClientLink link, DateTimeOffset graceUntil)
    {
        if (!_byClient.Remove(link.ClientId, out var presence) || presence.Link != link)
        {
            return null;
        }

        presence.Link = null;
        presence.GraceUntil = graceUntil;
        return presence;
    }

    /// <summary>Characters whose grace ran out by <paramref name="now"/>.</summary>
    public List<PlayerPresence>? Expired(DateTimeOffset now)
    {
        List<PlayerPresence>? expired = null;
        foreach (var presence in _byCharacter.Values)
        {
            if (presence.Link is null && now >= presence.GraceUntil)
            {
                (expired ??= []).Add(presence);
            }
        }

        return expired;
    }
}
