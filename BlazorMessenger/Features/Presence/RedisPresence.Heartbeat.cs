using BlazorMessenger.Realtime;
using StackExchange.Redis;

namespace BlazorMessenger.Features.Presence;

/// <summary>The heartbeat, the removal of silent instances, and catching up after Redis comes back.</summary>
public sealed partial class RedisPresence
{
    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly SemaphoreSlim _beating = new(1, 1);
    private readonly SemaphoreSlim _catchingUp = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly RedisKey[] _keys = [];
    private readonly string _instancePrefix = "";
    private readonly TimeSpan _heartbeat;
    private readonly TimeSpan _expiry;
    private readonly ITimer? _timer;

    /// <summary>
    /// Beats, and sets this instance's people in Redis to exactly those online here: a report that failed while Redis
    /// was down, or a set Redis lost in a restart, is put right within one heartbeat and what that changes is announced.
    /// Then removes the instances that stopped beating.
    /// </summary>
    internal async Task BeatAsync()
    {
        try
        {
            await _beating.WaitAsync(_stopping.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        try
        {
            var now = _time.GetUtcNow();
            RedisResult changes;
            await _writing.WaitAsync(_stopping.Token);
            try
            {
                string[] here;
                lock (_gate)
                {
                    here = [.. _here];
                }

                changes = await ChangeAsync("replace", here);
            }
            finally
            {
                _writing.Release();
            }

            await AnnounceAsync(changes, 0, now.UtcDateTime);
            await RemoveSilentInstancesAsync(now);
        }
        catch (Exception ex) when (ex is RedisException or OperationCanceledException or ObjectDisposedException)
        {
            _logger.LogDebug(ex, "Presence heartbeat skipped.");
        }
        finally
        {
            _beating.Release();
        }
    }

    /// <summary>A tick that comes while the last beat still runs (Redis slow to answer) is skipped, not queued.</summary>
    private void Tick()
    {
        if (_beating.CurrentCount > 0)
        {
            _ = BeatAsync();
        }
    }

    private async Task RemoveSilentInstancesAsync(DateTimeOffset now)
    {
        var cutoff = (now - _expiry).ToUnixTimeMilliseconds();
        foreach (var silent in await Database.SortedSetRangeByScoreAsync(_keys[0], double.NegativeInfinity, cutoff))
        {
            var result = await Database.ScriptEvaluateAsync(RedisPresenceScripts.RemoveInstance, _keys, [_instancePrefix, silent, cutoff]);
            var removed = (RedisResult[])result!;
            if (removed.Length == 0)
            {
                continue;
            }

            _logger.LogWarning("Instance {Instance} stopped beating; its people are offline unless online elsewhere.", (string?)silent);
            // Its people were last seen when it last beat.
            await AnnounceAsync(result, 1, DateTimeOffset.FromUnixTimeMilliseconds((long)(double)removed[0]).UtcDateTime);
        }
    }

    /// <summary>
    /// Beats at once (re-adding this instance's people if Redis lost them), then reads who is online everywhere, since
    /// news sent while the connection was down never arrived; open views then ask IsOnline again (CatchUpNeeded). News
    /// arriving while the snapshot is read is applied again after it, so the newer of the two wins.
    /// </summary>
    private async Task CatchUpAsync(bool tellViews)
    {
        // One at a time: each restored connection asks for one, and two would share the list of news kept meanwhile.
        await _catchingUp.WaitAsync();
        try
        {
            await CatchUpAloneAsync(tellViews);
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Catching up on who is online failed; the next reconnection or heartbeat tries again.");
        }
        finally
        {
            _catchingUp.Release();
        }
    }

    private async Task CatchUpAloneAsync(bool tellViews)
    {
        await BeatAsync();
        lock (_gate)
        {
            _arrivedDuringSnapshot = [];
        }

        try
        {
            var snapshot = (RedisResult[])(await Database.ScriptEvaluateAsync(RedisPresenceScripts.Snapshot, _keys, [_instancePrefix]))!;
            var online = ((RedisValue[])snapshot[0]!).Select(v => (string)v!).ToHashSet(StringComparer.Ordinal);
            var versions = (RedisValue[])snapshot[1]!;
            lock (_gate)
            {
                _known = new Dictionary<string, Known>(StringComparer.Ordinal);
                for (var i = 0; i + 1 < versions.Length; i += 2)
                {
                    _known[(string)versions[i]!] = new Known(online.Contains((string)versions[i]!), (long)versions[i + 1]);
                }

                foreach (var (news, version) in _arrivedDuringSnapshot!)
                {
                    Apply(news.UserId, news.Online, version);
                }
            }
        }
        catch (RedisException ex)
        {
            _logger.LogDebug(ex, "Could not read who is online on the other instances yet.");
        }
        finally
        {
            lock (_gate)
            {
                _arrivedDuringSnapshot = null;
            }
        }

        if (tellViews)
        {
            _local.PublishToEveryone(new CatchUpNeeded());
        }
    }

    /// <summary>
    /// Leaves this instance's people in Redis: the others remove them once the heartbeat is past its expiry, which gives
    /// people time to reconnect to another instance without going offline.
    /// </summary>
    public void Dispose()
    {
        if (!Enabled)
        {
            return;
        }

        _stopping.Cancel();
        _timer?.Dispose();
        _listener?.Dispose();
    }
}
