using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Features.Push;

/// <summary>What deliveries write back to the subscriptions: the ones a push service says are gone, and when each was last used.</summary>
public sealed partial class PushDelivery
{
    private async Task DropAsync(PushTarget target, string why)
    {
        Interlocked.Increment(ref _failed);
        _logger.LogInformation("Removed a push subscription at {Host}: {Why}.", Host(target), why);
        await using var db = await _dbFactory.CreateDbContextAsync();
        await db.PushSubscriptions.Where(p => p.Id == target.Id).ExecuteDeleteAsync();
    }

    /// <summary>
    /// "Last notified" in Settings, at most a minute stale: the subscriptions used since the last time, in one statement
    /// a minute (one write per push would queue a thousand writes a second behind the message writer's on SQLite).
    /// </summary>
    private async Task TouchAsync()
    {
        var used = _used.Keys.ToList();
        if (used.Count == 0)
        {
            return;
        }

        used.ForEach(id => _used.TryRemove(id, out _));
        try
        {
            var now = _time.GetUtcNow().UtcDateTime;
            await using var db = await _dbFactory.CreateDbContextAsync(_stopping.Token);
            await db.PushSubscriptions.Where(p => used.Contains(p.Id)).ExecuteUpdateAsync(s => s.SetProperty(p => p.LastUsedUtc, now), _stopping.Token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogDebug(ex, "Could not note when {Count} push subscriptions were last used.", used.Count);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
