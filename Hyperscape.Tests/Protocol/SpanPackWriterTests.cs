using System.Buffers;
using Hyperscape.Ecs.Protocol;
using MessagePack;

namespace Hyperscape.Tests.Protocol;

public class SpanPackWriterTests
{
    private static readonly long[] Integers =
    [
        0, 1, 127, 128, 255, 256, 65_535, 65_536, uint.MaxValue, (long)uint.MaxValue + 1, long.MaxValue,
        -1, -32, -33, -128, -129, -32_768, -32_769, int.MinValue, (long)int.MinValue - 1, long.MinValue,
    ];

    [Test]
    public void Integers_at_every_format_boundary_read_back_and_match_the_library_size()
    {
        foreach (var value in Integers)
        {
            var bytes = new byte[16];
            var writer = new SpanPackWriter(bytes);
            writer.Write(value);

            var reader = new MessagePackReader(bytes.AsMemory(0, writer.Position));
            Assert.That(reader.ReadInt64(), Is.EqualTo(value));
            Assert.That(writer.Position, Is.EqualTo(LibrarySize(w => w.Write(value))), $"the smallest format for {value}");
        }
    }

    [TestCase(0f)]
    [TestCase(137f)]
    [TestCase(-3f)]
    [TestCase(130.5f)]
    [TestCase(0.1f)]
    [TestCase(-2.75f)]
    [TestCase(16_777_217f)]
    public void Numbers_read_back_exactly_whether_written_as_integers_or_floats(float value)
    {
        var bytes = new byte[16];
        var writer = new SpanPackWriter(bytes);
        writer.WriteNumber(value);

        var reader = new MessagePackReader(bytes.AsMemory(0, writer.Position));
        Assert.That(reader.ReadSingle(), Is.EqualTo(value));
    }

    [TestCase(0)]
    [TestCase(15)]
    [TestCase(16)]
    [TestCase(70_000)]
    public void Array_headers_and_strings_read_back(int count)
    {
        var bytes = new byte[count + 400];
        var writer = new SpanPackWriter(bytes);
        writer.WriteArrayHeader(count);
        for (var i = 0; i < count; i++)
        {
            writer.Write(0);
        }

        writer.WriteString("Zezima"u8);
        writer.WriteString(new byte[40].AsSpan());
        writer.WriteString(new byte[300].AsSpan(0, 300)[..50]);

        var reader = new MessagePackReader(bytes.AsMemory(0, writer.Position));
        Assert.That(reader.ReadArrayHeader(), Is.EqualTo(count));
        for (var i = 0; i < count; i++)
        {
            reader.ReadInt32();
        }

        Assert.That(reader.ReadString(), Is.EqualTo("Zezima"));
        Assert.That(reader.ReadString(), Has.Length.EqualTo(40));
        Assert.That(reader.ReadString(), Has.Length.EqualTo(50));
    }

    private static int LibrarySize(Action<MessagePackWriterBox> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var box = new MessagePackWriterBox(buffer);
        write(box);
        return buffer.WrittenCount;
    }

    /// <summary>Lets a lambda write with the library's (ref struct) writer.</summary>
    private sealed class MessagePackWriterBox(ArrayBufferWriter<byte> buffer)
    {
        public void Write(long value)
        {
            var writer = new MessagePackWriter(buffer);
            writer.Write(value);
            writer.Flush();
        }
    }
}
