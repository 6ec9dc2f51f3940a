using Hyperscape.Ecs.Sync;

namespace Hyperscape.Tests.Sync;

public class EntitySlotMapTests
{
    [Test]
    public void The_map_agrees_with_a_dictionary_over_random_adds_and_removes()
    {
        var random = new Random(5);
        var map = new EntitySlotMap(64);
        var model = new Dictionary<int, int>();
        for (var step = 0; step < 100_000; step++)
        {
            var key = random.Next(0, 300);
            if (model.ContainsKey(key))
            {
                if (random.Next(2) == 0)
                {
                    map.Remove(key);
                    model.Remove(key);
                }
            }
            else if (model.Count < 64)
            {
                map.Add(key, step);
                model[key] = step;
            }

            var probe = random.Next(0, 300);
            Assert.That(map.Find(probe), Is.EqualTo(model.TryGetValue(probe, out var value) ? value : -1), $"step {step}");
        }

        Assert.That(map.Count, Is.EqualTo(model.Count));
    }
}
