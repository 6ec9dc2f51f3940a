using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Hyperscape.Ecs.Game.Components;

/// <summary>A name of up to <see cref="MaxLength"/> characters, inline so it can live in a column.</summary>
public struct DisplayName
{
    /// <summary>The longest name (the OSRS limit).</summary>
    public const int MaxLength = 12;

    private Characters _characters;
    private byte _length;

    /// <summary>Builds a name; longer input is refused rather than cut.</summary>
    public static DisplayName From(ReadOnlySpan<char> text)
    {
        if (text.Length > MaxLength)
        {
            throw new ArgumentException($"A name has at most {MaxLength} characters.", nameof(text));
        }

        var name = default(DisplayName);
        text.CopyTo(name._characters);
        name._length = (byte)text.Length;
        return name;
    }

    /// <summary>The characters of the name; the span lives as long as this value.</summary>
    [UnscopedRef]
    public readonly ReadOnlySpan<char> AsSpan() => ((ReadOnlySpan<char>)_characters)[.._length];

    /// <inheritdoc />
    public override readonly string ToString() => new(AsSpan());

    [InlineArray(MaxLength)]
    private struct Characters
    {
        private char _element;
    }
}
