using System.Threading.RateLimiting;
using BlazorMessenger.Hosting;
using BlazorMessenger.Hosting.Operations;
using Microsoft.Extensions.Options;

namespace BlazorMessenger.Features;

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

    private readonly MessengerMetrics _metrics;

    public UserRateLimiter(IOptions<MessengerOptions> options, MessengerMetrics metrics)
    {
        _metrics = metrics;
        var limits = options.Value.RateLimits;
        _limiter = PartitionedRateLimiter.Create<(RateLimitedAction Action, string UserId), (RateLimitedAction, string)>(key =>
            RateLimitPartition.GetTokenBucketLimiter(key, k => k.Item1 switch
            {
                RateLimitedAction.SendMessage => Bucket(limits.MessageBurst, limits.MessagesPerMinute),
                RateLimitedAction.UploadImage => Bucket(limits.UploadBurst, limits.UploadsPerMinute),
                RateLimitedAction.CreateGroup => Bucket(limits.GroupCreateBurst, limits.GroupCreatesPerMinute),
                RateLimitedAction.ReportTyping => Bucket(limits.TypingBurst, limits.TypingReportsPerMinute),
                RateLimitedAction.Report => Bucket(limits.ReportBurst, limits.ReportsPerHour / 60.0),
                RateLimitedAction.React => Bucket(limits.ReactionBurst, limits.ReactionsPerMinute),
                _ => Bucket(limits.ContactAddBurst, limits.ContactAddsPerMinute),
            }));
    }

    public bool TryAcquire(RateLimitedAction action, string userId)
    {
        using var lease = _limiter.AttemptAcquire((action, userId));
        if (!lease.IsAcquired)
        {
            _metrics.Refused(action);
        }

        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();

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
