namespace BlazorMessenger.Tests.Hosting.Backup;

/// <summary>The client ids the server confirmed, in order, and a wait for the n-th confirmation.</summary>
public sealed class Acknowledgements
{
    private readonly Lock _gate = new();
    private readonly List<Guid> _ids = [];
    private readonly List<(int Count, TaskCompletionSource Reached)> _waiters = [];

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _ids.Count;
            }
        }
    }

    public void Add(Guid id)
    {
        lock (_gate)
        {
            _ids.Add(id);
            foreach (var waiter in _waiters.Where(w => _ids.Count >= w.Count).ToList())
            {
                waiter.Reached.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }

    public Guid[] Snapshot()
    {
        lock (_gate)
        {
            return [.. _ids];
        }
    }

    public Task WaitForAsync(int count)
    {
        lock (_gate)
        {
            if (_ids.Count >= count)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, reached));
            return reached.Task;
        }
    }
}
