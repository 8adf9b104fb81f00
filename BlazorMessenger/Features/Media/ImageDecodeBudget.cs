using Microsoft.Extensions.Options;

namespace BlazorMessenger.Features.Media;

/// <summary>
/// How much memory the images being decoded may take together (<c>Messenger:Media:DecodeBudgetMb</c>). An upload
/// that doesn't fit waits its turn, first come first served, for up to <c>DecodeWaitSeconds</c>, then is refused
/// with a clear message; one that could never fit is refused at once. A few huge uploads at the same moment can no
/// longer take the server's memory.
/// </summary>
public sealed class ImageDecodeBudget(IOptions<MediaOptions> options, TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly LinkedList<(long Bytes, TaskCompletionSource Granted)> _waiting = [];
    private long _inUse;

    public long Capacity => (long)(options.Value.DecodeBudgetMb * 1024 * 1024);

    public long InUse
    {
        get
        {
            lock (_lock)
            {
                return _inUse;
            }
        }
    }

    /// <summary>A lease to dispose when the decoding is done, or null: never fits, or no room within the wait.</summary>
    public async Task<IDisposable?> AcquireAsync(long bytes, CancellationToken ct = default)
    {
        LinkedListNode<(long, TaskCompletionSource)> ticket;
        lock (_lock)
        {
            if (bytes > Capacity)
            {
                return null;
            }

            if (_waiting.Count == 0 && _inUse + bytes <= Capacity)
            {
                _inUse += bytes;
                return new Lease(this, bytes);
            }

            ticket = _waiting.AddLast((bytes, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)));
        }

        try
        {
            await ticket.Value.Item2.Task.WaitAsync(TimeSpan.FromSeconds(options.Value.DecodeWaitSeconds), time, ct);
            return new Lease(this, bytes);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            bool granted;
            lock (_lock)
            {
                granted = ticket.Value.Item2.Task.IsCompleted;
                if (!granted)
                {
                    _waiting.Remove(ticket);
                    GrantWaiting(); // a smaller upload behind this one may fit now
                }
            }

            if (granted && ex is TimeoutException)
            {
                return new Lease(this, bytes); // the room came just as the wait ended
            }

            if (granted)
            {
                Release(bytes);
            }

            if (ex is OperationCanceledException)
            {
                throw;
            }

            return null;
        }
    }

    private void Release(long bytes)
    {
        lock (_lock)
        {
            _inUse -= bytes;
            GrantWaiting();
        }
    }

    private void GrantWaiting()
    {
        while (_waiting.First is { } next && _inUse + next.Value.Bytes <= Capacity)
        {
            _waiting.RemoveFirst();
            _inUse += next.Value.Bytes;
            next.Value.Granted.TrySetResult();
        }
    }

    private sealed class Lease(ImageDecodeBudget budget, long bytes) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                budget.Release(bytes);
            }
        }
    }
}
