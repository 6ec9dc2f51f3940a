using Hyperscape.Ecs.Sync;

namespace Hyperscape.Tests.Sync;

public class PrioritySelectionTests
{
    [TestCase(1, 0)]
    [TestCase(1, 1)]
    [TestCase(2, 1)]
    [TestCase(256, 1)]
    [TestCase(256, 80)]
    [TestCase(256, 255)]
    [TestCase(256, 256)]
    [TestCase(257, 300)]
    public void The_largest_keys_end_up_last_and_nothing_is_lost(int length, int count)
    {
        var random = new Random(length * 1000 + count);
        foreach (var shape in new Func<int, long>[] { i => random.NextInt64(), i => i, i => -i, i => ((long)(i % 7) << 16) + i })
        {
            var keys = Enumerable.Range(0, length).Select(shape).Distinct().ToArray();
            var expected = keys.Order().ToArray();
            var span = keys.AsSpan();
            PrioritySelection.MoveLargestToEnd(span, count);

            var take = Math.Min(count, keys.Length);
            Assert.That(keys.Order(), Is.EqualTo(expected), "the same keys");
            Assert.That(keys[^take..].Order(), Is.EqualTo(expected[^take..]), "the largest at the end");
        }
    }
}
