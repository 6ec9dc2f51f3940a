using System.Globalization;
using Hyperscape.Ecs.Protocol;

namespace Hyperscape.Tests.EndToEnd;

/// <summary>A server message other than sync and events, decoded generically: its type and its elements.</summary>
internal sealed record ReceivedMessage(MessageType Type, object?[] Elements)
{
    public long Long(int index) => Convert.ToInt64(Elements[index], CultureInfo.InvariantCulture);

    public string? Text(int index) => Elements[index] as string;

    public bool Flag(int index) => Elements[index] is true;

    public object?[] Array(int index) => (object?[])Elements[index]!;

    public override string ToString() => $"{Type} [{string.Join(", ", Elements.Skip(1).Select(e => e is object?[] a ? $"[{a.Length}]" : e?.ToString() ?? "nil"))}]";
}
