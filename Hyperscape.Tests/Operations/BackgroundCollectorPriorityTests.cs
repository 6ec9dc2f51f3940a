using Hyperscape.Host.Operations;

namespace Hyperscape.Tests.Operations;

public class BackgroundCollectorPriorityTests
{
    private string _tasks = "";

    [SetUp]
    public void CreateTaskDirectory()
    {
        _tasks = Path.Combine(Path.GetTempPath(), "hyperscape-tasks-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_tasks);
    }

    [TearDown]
    public void DeleteTaskDirectory() => Directory.Delete(_tasks, recursive: true);

    [Test]
    public void The_thread_named_as_the_runtime_names_its_background_collector_is_the_one_set()
    {
        AddTask(101, "game-loop");
        AddTask(102, ".NET TP Worker");
        AddTask(103, ".NET BGC");
        var set = new List<(int Thread, int Nice)>();

        var refused = BackgroundCollectorPriority.TrySet(-5, _tasks, (thread, nice) =>
        {
            set.Add((thread, nice));
            return null;
        });

        Assert.That(refused, Is.Null);
        Assert.That(set, Is.EqualTo(new[] { (103, -5) }));
    }

    [Test]
    public void Without_a_background_collector_thread_it_says_so_and_sets_nothing()
    {
        AddTask(101, "game-loop");
        AddTask(104, ".NET BGCX");
        var calls = 0;

        var refused = BackgroundCollectorPriority.TrySet(-5, _tasks, (_, _) =>
        {
            calls++;
            return null;
        });

        Assert.That(refused, Is.EqualTo("the runtime has no background collector thread"));
        Assert.That(calls, Is.Zero, "a name that only begins like it is not the collector");
    }

    [Test]
    public void A_refusal_to_set_the_priority_is_passed_on()
    {
        AddTask(103, ".NET BGC");

        var refused = BackgroundCollectorPriority.TrySet(-5, _tasks, (_, _) => "setpriority failed with errno 13");

        Assert.That(refused, Is.EqualTo("setpriority failed with errno 13"));
    }

    [Test]
    public void Where_there_is_no_task_directory_nothing_is_set()
    {
        var refused = BackgroundCollectorPriority.TrySet(-5, Path.Combine(_tasks, "missing"), (_, _) => null);

        Assert.That(refused, Is.EqualTo("thread priorities are set on Linux only"));
    }

    private void AddTask(int thread, string name)
    {
        var task = Path.Combine(_tasks, thread.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(task);
        File.WriteAllText(Path.Combine(task, "comm"), name + "\n");
    }
}
