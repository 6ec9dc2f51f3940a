using System.Buffers;
using Hyperscape.Ecs.Game.Social;
using Hyperscape.Ecs.Protocol;
using Hyperscape.Host.Configuration;
using Hyperscape.Host.Voice;
using Microsoft.Extensions.Options;

namespace Hyperscape.Tests.Protocol;

/// <summary>
/// Every server message at the most it can carry still fits one 1,024-byte packet: the limits
/// that make it so (names, chat, lists, error texts, voice settings) are checked together here.
/// </summary>
public sealed class MessageSizeTests
{
    private static readonly string LongestName = new('W', WireProtocol.MaxNameLength);

    [Test]
    public void A_full_character_list_of_the_longest_names_and_ids_fits()
    {
        var characters = Enumerable.Range(0, ServerMessages.MaxListedCharacters)
            .Select(i => new CharacterSummary(long.MaxValue - i, LongestName, 126)).ToList();
        Assert.That(Size(w => ServerMessages.CharacterList(w, characters)), Is.LessThanOrEqualTo(WireProtocol.MaxPacketSize));
        Assert.That(() => Size(w => ServerMessages.CharacterList(w, [.. characters, characters[0]])), Throws.ArgumentException, "one more is refused, not sent oversized");
    }

    [Test]
    public void The_longest_chat_message_fits_whatever_its_characters()
    {
        foreach (var text in new[] { new string('x', SocialRules.MaxMessageLength), string.Concat(Enumerable.Repeat("\U0001F600", SocialRules.MaxMessageLength)) })
        {
            Assert.That(SocialRules.TryCleanMessage(text, out var clean), Is.True, "within the limits");
            Assert.That(Size(w => ServerMessages.Chat(w, ChatChannel.Private, long.MaxValue, LongestName, clean)), Is.LessThanOrEqualTo(WireProtocol.MaxPacketSize));
        }
    }

    [Test]
    public void Chat_counts_what_a_person_sees_and_bounds_the_bytes()
    {
        var thumbs = string.Concat(Enumerable.Repeat("\U0001F44D", 150));
        Assert.That(SocialRules.TryCleanMessage(thumbs, out _), Is.True, "150 emoji are 150 characters to a person, though 300 UTF-16 units");
        Assert.That(SocialRules.TryCleanMessage(string.Concat(Enumerable.Repeat("\U0001F44D\U0001F3FD", 100)), out _), Is.True, "a skin tone belongs to its emoji");
        Assert.That(SocialRules.TryCleanMessage(new string('a', 201), out _), Is.False);
        var families = string.Concat(Enumerable.Repeat("\U0001F468\u200D\U0001F469\u200D\U0001F467", 60));
        Assert.That(SocialRules.TryCleanMessage(families, out _), Is.False, "60 family emoji are 60 characters but 1,080 bytes of UTF-8: over the byte limit");
        var accented = string.Concat(Enumerable.Repeat("e\u0301", SocialRules.MaxMessageLength));
        Assert.That(SocialRules.FitsMessageLimits(accented), Is.True, "a combining accent belongs to its letter: 200 characters");
        Assert.That(SocialRules.FitsMessageLimits(accented + "e\u0301"), Is.False, "the 201st accented letter is one too many");
        Assert.That(SocialRules.FitsMessageLimits(string.Empty), Is.True);
    }

    [Test]
    public void An_error_text_is_cut_to_fit_without_splitting_a_character()
    {
        var huge = string.Concat(Enumerable.Repeat("\U0001F600 no ", 1_000));
        var size = Size(w => ServerMessages.Error(w, ProtocolErrorCode.ServerError, huge));
        Assert.That(size, Is.LessThanOrEqualTo(WireProtocol.MaxPacketSize));
        var cut = ServerMessages.Fit(huge, ServerMessages.MaxErrorBytes);
        Assert.That(char.IsHighSurrogate(cut[^1]), Is.False);
        Assert.That(huge, Does.StartWith(cut));
    }

    [Test]
    public void The_biggest_voice_token_message_the_settings_allow_fits()
    {
        var issuer = new LiveKitTokenIssuer(Options.Create(new ServerOptions
        {
            LiveKit = new LiveKitOptions { ApiKey = new string('k', 64), ApiSecret = new string('s', 64), Url = "wss://" + new string('u', 250), Room = new string('r', 64) },
        }));
        Assert.That(ServerOptionsValidator.CheckRanges(new ServerOptions { LiveKit = new LiveKitOptions { ApiKey = new string('k', 64), ApiSecret = "s", Url = "wss://" + new string('u', 250), Room = new string('r', 64) } }), Is.Empty);
        var token = issuer.Issue(long.MaxValue, LongestName);
        Assert.That(Size(w => ServerMessages.VoiceToken(w, issuer.Url, token, issuer.Room)), Is.LessThanOrEqualTo(WireProtocol.MaxPacketSize));
    }

    [Test]
    public void The_other_replies_fit_at_their_longest()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Size(w => ServerMessages.Welcome(w, long.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture))), Is.LessThanOrEqualTo(64));
            Assert.That(Size(w => ServerMessages.EnteredWorld(w, long.MaxValue, long.MaxValue, new string('f', 32))), Is.LessThanOrEqualTo(64));
            Assert.That(Size(w => ServerMessages.Social(w, SocialOperation.FriendStatus, LongestName, true)), Is.LessThanOrEqualTo(64));
            Assert.That(Size(w => ServerMessages.Pong(w, long.MinValue, long.MaxValue)), Is.LessThanOrEqualTo(64));
        });
    }

    private static int Size(Action<IBufferWriter<byte>> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        write(buffer);
        return buffer.WrittenCount;
    }
}
