using System.Text;
using System.Text.RegularExpressions;
using Hyperscape.Ecs.Protocol;

namespace Hyperscape.Tests.Protocol;

/// <summary>The examples in docs/PROTOCOL.md are checked, so the document cannot drift from the code.</summary>
public partial class ProtocolDocumentTests
{
    [Test]
    public void Every_example_is_the_same_message_in_both_encodings_and_client_examples_decode()
    {
        var examples = ReadExamples();
        Assert.That(examples, Has.Count.GreaterThanOrEqualTo(15), "the document shows every message type");

        foreach (var (title, hex, json) in examples)
        {
            var bytes = Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal));
            Assert.That(JsonTranscoder.ToJson(bytes), Is.EqualTo(json), $"{title}: the MessagePack and the JSON differ");

            // One message exactly: a converter stops after the first value, so bytes past it would go unnoticed.
            var reader = new MessagePack.MessagePackReader(bytes);
            reader.Skip();
            Assert.That(reader.End, Is.True, $"{title}: bytes after the message");
            if (title.EndsWith("(client)", StringComparison.Ordinal))
            {
                Assert.That(ClientMessageDecoder.TryDecode(bytes, out _, out var error), Is.True, $"{title}: {error}");
                Assert.That(ClientMessageDecoder.TryDecodeJson(Encoding.UTF8.GetBytes(json), out _, out error), Is.True, $"{title} as JSON: {error}");
            }
        }
    }

    private static List<(string Title, string Hex, string Json)> ReadExamples()
    {
        var text = File.ReadAllText(RepositoryRoot.Combine("docs", "PROTOCOL.md"));
        var examples = new List<(string, string, string)>();
        string? title = null;
        string? hex = null;
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("#### ", StringComparison.Ordinal))
            {
                title = line[5..].Trim();
            }
            else if (MessagePackLine().Match(line) is { Success: true } packed)
            {
                hex = packed.Groups[1].Value;
            }
            else if (JsonLine().Match(line) is { Success: true } json && title is not null && hex is not null)
            {
                examples.Add((title, hex, json.Groups[1].Value));
                hex = null;
            }
        }

        return examples;
    }

    [GeneratedRegex(@"^- MessagePack: `([0-9a-f ]+)`")]
    private static partial Regex MessagePackLine();

    [GeneratedRegex(@"^- JSON: `(.+)`\s*$")]
    private static partial Regex JsonLine();
}
