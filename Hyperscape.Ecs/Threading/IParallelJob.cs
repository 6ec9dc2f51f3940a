namespace Hyperscape.Ecs.Threading;

/// <summary>A running loop, as the helper threads see it (they do not know its body's type).</summary>
internal interface IParallelJob
{
    /// <summary>Takes ranges until none is left.</summary>
    void Participate(int worker);
}
