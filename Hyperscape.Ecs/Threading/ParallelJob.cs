using System.Runtime.ExceptionServices;

namespace Hyperscape.Ecs.Threading;

/// <summary>
/// One loop's shared state: the body and the next range to take. There is one instance per body
/// type, reused by every loop of that type (loops over the helpers never overlap), so a loop
/// allocates nothing once its type has run.
/// </summary>
internal sealed class ParallelJob<TBody> : IParallelJob
    where TBody : struct, IParallelBody
{
    private TBody _body;
    private int _count;
    private int _grain;
    private int _next;
    private Exception? _error;

    /// <summary>The instance for this body type; only the holder of the helpers uses it.</summary>
    public static ParallelJob<TBody> Shared { get; } = new();

    public void Begin(in TBody body, int count, int grain)
    {
        _body = body;
        _count = count;
        _grain = grain;
        _next = 0;
        _error = null;
    }

    public void Participate(int worker)
    {
        while (true)
        {
            var start = Interlocked.Add(ref _next, _grain) - _grain;
            if (start >= _count)
            {
                return;
            }

            try
            {
                _body.Execute(start, Math.Min(start + _grain, _count), worker);
            }
            catch (Exception exception)
            {
                // The first failure wins; the rest of the loop is abandoned and the caller rethrows it.
                Interlocked.CompareExchange(ref _error, exception, null);
                Volatile.Write(ref _next, _count);
                return;
            }
        }
    }

    /// <summary>Drops the body (it may hold references) and rethrows a failure from any thread.</summary>
    public void End()
    {
        _body = default;
        var error = _error;
        _error = null;
        if (error is not null)
        {
            ExceptionDispatchInfo.Throw(error);
        }
    }
}
