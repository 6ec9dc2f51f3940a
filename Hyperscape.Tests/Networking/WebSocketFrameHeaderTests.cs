using Hyperscape.Host.Networking;

namespace Hyperscape.Tests.Networking;

public sealed class WebSocketFrameHeaderTests
{
    [TestCase(false, 0, new byte[] { 0x82, 0 })]
    [TestCase(true, 125, new byte[] { 0x81, 125 })]
    [TestCase(false, 126, new byte[] { 0x82, 126, 0, 126 })]
    [TestCase(false, 65535, new byte[] { 0x82, 126, 0xFF, 0xFF })]
    [TestCase(false, 65536, new byte[] { 0x82, 127, 0, 0, 0, 0, 0, 1, 0, 0 })]
    public void Headers_are_final_unmasked_and_carry_the_length_in_the_shortest_form(bool text, int length, byte[] expected)
    {
        var header = new byte[WebSocketFrameHeader.MaxLength];

        var written = WebSocketFrameHeader.Write(header, text, length);

        Assert.That(header.AsSpan(0, written).ToArray(), Is.EqualTo(expected));
    }
}
