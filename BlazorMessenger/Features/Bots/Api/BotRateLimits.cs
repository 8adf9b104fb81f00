using System.Threading.RateLimiting;
using BlazorMessenger.Features.Shared;
using Microsoft.Extensions.Options;

namespace BlazorMessenger.Features.Bots.Api;

/// <summary>
/// Telegram's sending limits for bots (per bot over all chats, per chat, per group a minute), on this instance. A
/// refusal is Telegram's 429 with how many seconds to wait.
/// </summary>
public sealed class BotRateLimits : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public BotRateLimits(IOptions<BotOptions> options)
    {
        var limits = options.Value;
        _limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, k => k[0] switch
        {
            'b' => UserRateLimiter.Bucket(limits.MessagesPerSecond, limits.MessagesPerSecond * 60.0),
            'c' => UserRateLimiter.Bucket(limits.ChatBurst, 60),
            _ => UserRateLimiter.Bucket(limits.GroupMessagesPerMinute, limits.GroupMessagesPerMinute),
        }));
    }

    /// <summary>Takes one message from each of the bot's buckets for this chat, or throws 429.</summary>
    public void Take(string botId, BotChat chat)
    {
        Acquire($"b{botId}");
        Acquire($"c{botId}:{chat.ConversationId}");
        if (chat.IsGroup)
        {
            Acquire($"g{botId}:{chat.ConversationId}");
        }
    }

    private void Acquire(string key)
    {
        using var lease = _limiter.AttemptAcquire(key);
        if (!lease.IsAcquired)
        {
            throw BotApiException.TooMany(UserRateLimiter.WaitSeconds(lease, TimeSpan.FromSeconds(1)));
        }
    }

    public void Dispose() => _limiter.Dispose();
}
