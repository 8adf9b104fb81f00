using System.Globalization;
using BlazorMessenger.Realtime;
using StackExchange.Redis;

namespace BlazorMessenger.Features.Shared;

/// <summary>
/// Each person's token buckets shared by all instances through Redis, when Messenger:Redis is set (inert otherwise), so
/// tabs on several instances do not multiply a person's limits.
/// Asking stays synchronous (the message writer asks per message inside its commit loop), so it cannot wait for Redis:
/// an instance admits against what it last heard of the shared bucket (refilled locally since), takes the token from
/// that at once, and sends the spend to Redis; Redis's answer, the shared bucket after the spend, replaces what it knew.
/// The shared bucket refills by Redis's clock and may go below zero, so whatever was admitted too much is paid back
/// before the person may act again.
/// Over-admission window: what an instance last heard does not include what other instances spent since, nor its own
/// spends Redis has not answered yet (a whole commit loop asks before any answer). So a person acting on several
/// instances can get, at most, what each instance last believed was left: up to one extra burst per additional
/// instance. The shared bucket then stands below zero and every instance refuses, after its next answer, until the
/// refill has paid it back. While Redis is down each instance limits by itself, as a single server does.
/// </summary>
public sealed class RedisRateLimits(RedisConnection redis, TimeProvider time, ILogger<RedisRateLimits> logger)
{
    /// <summary>KEYS[1]: the bucket; ARGV: burst, tokens per millisecond, tokens spent. Returns the tokens left.</summary>
    private const string Spend = """
        local burst, rate, spend = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local bucket = redis.call('HMGET', KEYS[1], 'tokens', 'at')
        local tokens = tonumber(bucket[1]) or burst
        local at = tonumber(bucket[2]) or now
        tokens = math.min(burst, tokens + math.max(0, now - at) * rate) - spend
        redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', string.format('%d', now))
        redis.call('PEXPIRE', KEYS[1], string.format('%d', math.ceil((burst - tokens) / rate) + 1000))
        return tostring(tokens)
        """;

    private const int PruneAbove = 4096;

    private readonly Lock _gate = new();
    private readonly Dictionary<(RateLimitedAction, string), Estimate> _estimates = [];
    private int _failing;

    public bool Enabled => redis.Enabled;

    /// <summary>Spends sent to Redis and not answered yet (tests wait for them).</summary>
    internal int InFlight
    {
        get
        {
            lock (_gate)
            {
                return _estimates.Values.Sum(e => e.InFlight);
            }
        }
    }

    /// <summary>Admits when the shared bucket (as last heard) and this instance's own limiter both have a token.</summary>
    public bool TryAcquire(RateLimitedAction action, string userId, (int Burst, double PerMinute) limits, Func<bool> acquireHere)
    {
        var key = (action, userId);
        Estimate estimate;
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (!_estimates.TryGetValue(key, out estimate!))
            {
                Prune(now, limits);
                estimate = _estimates[key] = new Estimate { Tokens = limits.Burst, At = now };
            }

            estimate.Refill(now, limits);
            if (estimate.Tokens < 1 || !acquireHere())
            {
                return false;
            }

            estimate.Tokens--;
            estimate.InFlight++;
        }

        _ = SpendAsync(key, estimate, limits);
        return true;
    }

    private async Task SpendAsync((RateLimitedAction Action, string UserId) key, Estimate estimate, (int Burst, double PerMinute) limits)
    {
        try
        {
            var left = await redis.Multiplexer.GetDatabase().ScriptEvaluateAsync(Spend,
                [redis.Key($"rate:{key.Action}:{key.UserId}")],
                [limits.Burst, (limits.PerMinute / 60_000).ToString("R", CultureInfo.InvariantCulture), 1]);
            lock (_gate)
            {
                // Spends sent after this one are not in Redis's answer yet.
                estimate.InFlight--;
                estimate.Tokens = double.Parse((string)left!, CultureInfo.InvariantCulture) - estimate.InFlight;
                estimate.At = time.GetUtcNow();
            }

            Interlocked.Exchange(ref _failing, 0);
        }
        catch (Exception ex)
        {
            lock (_gate)
            {
                estimate.InFlight--;
            }

            if (Interlocked.Exchange(ref _failing, 1) == 0)
            {
                logger.LogWarning(ex, "Could not share a rate limit through Redis; each instance limits by itself until it is back.");
            }
        }
    }

    /// <summary>Under the lock: forgets people whose buckets have refilled (Redis remembers them until then too).</summary>
    private void Prune(DateTimeOffset now, (int Burst, double PerMinute) limits)
    {
        if (_estimates.Count < PruneAbove)
        {
            return;
        }

        var full = TimeSpan.FromMinutes(limits.Burst / Math.Max(limits.PerMinute, 1e-6));
        foreach (var (key, estimate) in _estimates.Where(p => p.Value.InFlight == 0 && now - p.Value.At > full).ToList())
        {
            _estimates.Remove(key);
        }
    }

    private sealed class Estimate
    {
        public double Tokens { get; set; }

        public DateTimeOffset At { get; set; }

        public int InFlight { get; set; }

        public void Refill(DateTimeOffset now, (int Burst, double PerMinute) limits)
        {
            Tokens = Math.Min(limits.Burst, Tokens + Math.Max(0, (now - At).TotalMinutes) * limits.PerMinute);
            At = now;
        }
    }
}
