using Microsoft.Extensions.Options;

namespace BlazorMessenger.Features.Accounts.Sessions;

/// <summary>
/// The open circuits' periodic session check, one for the whole process: every <c>Messenger:Accounts:SessionCheckSeconds</c>
/// one query asks which of the watched sessions still stand (a password changed on another server, a row deleted by
/// hand), and the circuits of those that ended are told. A timer and a query per circuit every 30 s had been the most
/// frequent work of a server with thousands of idle tabs (`--only capacity`).
/// </summary>
public sealed class SessionWatch : IDisposable
{
    private readonly SessionService _sessions;
    private readonly ILogger<SessionWatch> _log;
    private readonly ITimer _timer;
    private readonly Lock _lock = new();
    private readonly Dictionary<(string SessionId, string UserId), List<Action>> _watchers = [];
    private readonly CancellationTokenSource _stopping = new();
    private int _checking;

    public SessionWatch(SessionService sessions, TimeProvider time, IOptions<AccountOptions> options, ILogger<SessionWatch> log)
    {
        (_sessions, _log) = (sessions, log);
        var interval = TimeSpan.FromSeconds(options.Value.SessionCheckSeconds);
        _timer = time.CreateTimer(_ => _ = CheckAsync(), null, interval, interval);
    }

    /// <summary>Sessions watched now (for tests).</summary>
    internal int Count
    {
        get
        {
            lock (_lock)
            {
                return _watchers.Count;
            }
        }
    }

    /// <summary>Calls ended when a check finds the session gone; disposing stops watching.</summary>
    public IDisposable Watch(string sessionId, string userId, Action ended)
    {
        var key = (sessionId, userId);
        lock (_lock)
        {
            if (!_watchers.TryGetValue(key, out var watchers))
            {
                _watchers[key] = watchers = [];
            }

            watchers.Add(ended);
        }

        return new Unwatch(this, key, ended);
    }

    private async Task CheckAsync()
    {
        // A check still running when the next is due (a slow disk) is the next one.
        if (Interlocked.Exchange(ref _checking, 1) == 1)
        {
            return;
        }

        try
        {
            (string, string)[] watched;
            lock (_lock)
            {
                watched = [.. _watchers.Keys];
            }

            if (watched.Length == 0)
            {
                return;
            }

            var standing = await _sessions.StandingAsync(watched, _stopping.Token);
            var ended = new List<Action>();
            lock (_lock)
            {
                foreach (var key in watched.Where(k => !standing.Contains(k.Item1)))
                {
                    if (_watchers.Remove(key, out var watchers))
                    {
                        ended.AddRange(watchers);
                    }
                }
            }

            foreach (var end in ended)
            {
                try
                {
                    end();
                }
                catch (Exception ex)
                {
                    _log.LogWarning(ex, "Signing out a circuit whose session ended failed.");
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (Exception ex)
        {
            // A database hiccup is no reason to sign anyone out: the next check decides.
            _log.LogWarning(ex, "Checking the open circuits' sessions failed; trying again at the next check.");
        }
        finally
        {
            Volatile.Write(ref _checking, 0);
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        _stopping.Cancel();
    }

    private sealed class Unwatch(SessionWatch watch, (string, string) key, Action ended) : IDisposable
    {
        public void Dispose()
        {
            lock (watch._lock)
            {
                if (watch._watchers.TryGetValue(key, out var watchers) && watchers.Remove(ended) && watchers.Count == 0)
                {
                    watch._watchers.Remove(key);
                }
            }
        }
    }
}
