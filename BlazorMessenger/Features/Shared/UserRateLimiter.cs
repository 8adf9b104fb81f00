using System.Threading.RateLimiting;
using BlazorMessenger.Hosting.Operations;
using Microsoft.Extensions.Options;

namespace BlazorMessenger.Features.Shared;

public enum RateLimitedAction
{
    SendMessage,
    AddContact,
    UploadImage,
    CreateGroup,
    ReportTyping,
    Report,
    React,
}

/// <summary>
/// Limits per user, not per tab or connection: HTTP rate-limit middleware never sees circuit events, so the
/// services ask this before they write.
/// </summary>
public sealed class UserRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<(RateLimitedAction Action, string UserId)> _limiter;

    private readonly RateLimitOptions _limits;

    private readonly MessengerMetrics _metrics;

    private readonly RedisRateLimits _shared;

    public UserRateLimiter(IOptions<RateLimitOptions> options, MessengerMetrics metrics, RedisRateLimits shared)
    {
        (_limits, _metrics, _shared) = (options.Value, metrics, shared);
        _limiter = PartitionedRateLimiter.Create<(RateLimitedAction Action, string UserId), (RateLimitedAction, string)>(key =>
            RateLimitPartition.GetTokenBucketLimiter(key, k =>
            {
                var (burst, perMinute) = LimitsOf(k.Item1);
                return Bucket(burst, perMinute);
            }));
    }

    /// <summary>With Redis, also against the person's buckets shared by all instances (see RedisRateLimits).</summary>
    public bool TryAcquire(RateLimitedAction action, string userId)
    {
        var acquired = _shared.Enabled
            ? _shared.TryAcquire(action, userId, LimitsOf(action), () => AcquireHere(action, userId))
            : AcquireHere(action, userId);
        if (!acquired)
        {
            _metrics.Refused(action);
        }

        return acquired;
    }

    private bool AcquireHere(RateLimitedAction action, string userId)
    {
        using var lease = _limiter.AttemptAcquire((action, userId));
        return lease.IsAcquired;
    }

    private (int Burst, double PerMinute) LimitsOf(RateLimitedAction action) => action switch
    {
        RateLimitedAction.SendMessage => (_limits.MessageBurst, _limits.MessagesPerMinute),
        RateLimitedAction.UploadImage => (_limits.UploadBurst, _limits.UploadsPerMinute),
        RateLimitedAction.CreateGroup => (_limits.GroupCreateBurst, _limits.GroupCreatesPerMinute),
        RateLimitedAction.ReportTyping => (_limits.TypingBurst, _limits.TypingReportsPerMinute),
        RateLimitedAction.Report => (_limits.ReportBurst, _limits.ReportsPerHour / 60.0),
        RateLimitedAction.React => (_limits.ReactionBurst, _limits.ReactionsPerMinute),
        _ => (_limits.ContactAddBurst, _limits.ContactAddsPerMinute),
    };

    public void Dispose() => _limiter.Dispose();

    /// <summary>The whole seconds (at least one) a refused lease says to wait, or the fallback when it says nothing.</summary>
    public static int WaitSeconds(RateLimitLease lease, TimeSpan fallback) =>
        (int)Math.Ceiling(Math.Max(1, (lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : fallback).TotalSeconds));

    /// <summary>Burst actions at once, refilled at perMinute (a fraction for slow ones: 10 an hour is 1/6).</summary>
    public static TokenBucketRateLimiterOptions Bucket(int burst, double perMinute)
    {
        // Refill in small steps so a steady pace keeps working; at least one token per step.
        var period = TimeSpan.FromSeconds(Math.Max(1, 60.0 / Math.Max(1.0 / 1440, perMinute)));
        var tokens = Math.Max(1, (int)Math.Round(perMinute * period.TotalMinutes));
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, burst),
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = period,
            AutoReplenishment = true,
            QueueLimit = 0,
        };
    }
}
