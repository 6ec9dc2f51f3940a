using Hyperscape.Ecs.Persistence;
using Hyperscape.Host.Authentication;
using Hyperscape.Host.Voice;

namespace Hyperscape.Host.Sessions;

/// <summary>What a client session needs besides the game loop and its connection.</summary>
/// <param name="Accounts">Accounts.</param>
/// <param name="Characters">Characters.</param>
/// <param name="Social">Friends and ignores.</param>
/// <param name="Tokens">Privy token checks.</param>
/// <param name="Voice">LiveKit tokens.</param>
/// <param name="Logger">Where failed requests are logged.</param>
public sealed record SessionServices(IAccountStore Accounts, ICharacterStore Characters, ISocialStore Social, PrivyTokenValidator Tokens, LiveKitTokenIssuer Voice, ILogger<ClientSession> Logger);
