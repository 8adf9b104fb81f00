using System.Threading.RateLimiting;
using BlazorMessenger.Features.Shared;
using Microsoft.Extensions.Options;

namespace BlazorMessenger.Features.Hooks;

/// <summary>Each webhook's pace (a token bucket: a burst, then so many a second), on this instance.</summary>
public sealed class HookRateLimits : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public HookRateLimits(IOptions<HookOptions> options)
    {
        var limits = options.Value;
        _limiter = PartitionedRateLimiter.Create<string, string>(hookId =>
            RateLimitPartition.GetTokenBucketLimiter(hookId, _ => UserRateLimiter.Bucket(limits.Burst, limits.PostsPerSecond * 60)));
    }

    /// <summary>Null when the webhook may post now (the post is counted); otherwise how many seconds to wait.</summary>
    public int? RetryAfter(string hookId)
    {
        using var lease = _limiter.AttemptAcquire(hookId);
        return lease.IsAcquired ? null : UserRateLimiter.WaitSeconds(lease, TimeSpan.FromSeconds(1));
    }

    public void Dispose() => _limiter.Dispose();
}
