using Hyperscape.Ecs.Persistence;

namespace Hyperscape.Ecs.Game.Social;

/// <summary>Limits and pure checks of friends, ignores, private messages and names.</summary>
public static class SocialRules
{
    /// <summary>The most friends a character may have.</summary>
    public const int MaxFriends = 99;

    /// <summary>The most players a character may ignore.</summary>
    public const int MaxIgnores = 99;

    /// <summary>
    /// The longest chat or private message, in characters as a person counts them: text elements,
    /// so an emoji with its modifiers counts once, not as the two to seven UTF-16 units it takes.
    /// </summary>
    public const int MaxMessageLength = 200;

    /// <summary>
    /// The longest message in UTF-8 bytes, whatever its characters (200 four-byte emoji fit; 200
    /// emoji with skin tones, eight bytes each, do not): with the speaker's name and the framing,
    /// a chat message always fits one 1,024-byte packet.
    /// </summary>
    public const int MaxMessageBytes = 960;

    /// <summary>True when a text is within both message limits: characters as a person counts them, and bytes.</summary>
    public static bool FitsMessageLimits(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (System.Text.Encoding.UTF8.GetByteCount(text) > MaxMessageBytes)
        {
            return false;
        }

        // Counted span by span: StringInfo would allocate an index of every element per message.
        ReadOnlySpan<char> rest = text;
        for (var elements = 0; !rest.IsEmpty; elements++)
        {
            if (elements == MaxMessageLength)
            {
                return false;
            }

            rest = rest[System.Globalization.StringInfo.GetNextTextElementLength(rest)..];
        }

        return true;
    }

    /// <summary>A private message reaches its recipient only if the recipient does not ignore the sender.</summary>
    public static bool CanDeliverPrivate(SocialRelations recipient, long senderCharacterId)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        foreach (var ignored in recipient.Ignored)
        {
            if (ignored.Id == senderCharacterId)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Cleans a chat message: control characters become spaces, runs of whitespace collapse, ends
    /// are trimmed. False when nothing is left or it is over the limits (<see cref="FitsMessageLimits"/>).
    /// </summary>
    public static bool TryCleanMessage(string? text, out string clean)
    {
        clean = string.Empty;
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxMessageBytes || !FitsMessageLimits(text))
        {
            return false;
        }

        // Whitespace and control runs become one space, and none lead or trail. Most messages are
        // clean already and are kept as they came: chat makes no garbage it does not have to.
        Span<char> cleaned = stackalloc char[text.Length];
        var length = 0;
        var lastWasSpace = true;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                if (!lastWasSpace)
                {
                    cleaned[length++] = ' ';
                }

                lastWasSpace = true;
                continue;
            }

            cleaned[length++] = c;
            lastWasSpace = false;
        }

        var result = cleaned[..length].TrimEnd(' ');
        clean = result.SequenceEqual(text) ? text : new string(result);
        return clean.Length > 0;
    }

    /// <summary>
    /// Character names: 1 to 12 ASCII letters, digits, spaces, underscores or hyphens, starting
    /// with a letter or digit, without double spaces or a trailing space.
    /// </summary>
    public static bool IsValidName(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > Components.DisplayName.MaxLength || !char.IsAsciiLetterOrDigit(name[0]) || name[^1] == ' ')
        {
            return false;
        }

        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var allowed = char.IsAsciiLetterOrDigit(c) || c is '_' or '-' || (c == ' ' && name[i - 1] != ' ');
            if (!allowed)
            {
                return false;
            }
        }

        return true;
    }
}
