using System.Collections.Concurrent;
using BlazorMessenger.Realtime;
using StackExchange.Redis;

namespace BlazorMessenger.Features.Push;

/// <summary>
/// The conversations whose notification a person's devices may still show (the last pushed Seq of each): reading one
/// of them closes it everywhere with one silent push, and reading any other sends nothing. With Redis the instances
/// share it (the push and the read may happen on different instances).
/// </summary>
public sealed class PushLedger(RedisConnection redis, ILogger<PushLedger> logger)
{
    private static readonly TimeSpan Keep = TimeSpan.FromDays(1);
    private readonly ConcurrentDictionary<(string UserId, long ConversationId), long> _shown = new();

    public void Shown(string userId, long conversationId, long seq)
    {
        if (!redis.Enabled)
        {
            _shown.AddOrUpdate((userId, conversationId), seq, (_, before) => Math.Max(before, seq));
            return;
        }

        try
        {
            var db = redis.Multiplexer.GetDatabase();
            db.HashSet(Key(userId), conversationId, seq, flags: CommandFlags.FireAndForget);
            db.KeyExpire(Key(userId), Keep, CommandFlags.FireAndForget);
        }
        catch (RedisException ex)
        {
            logger.LogDebug(ex, "Could not note a push in Redis.");
        }
    }

    /// <summary>Whether a notification of the conversation up to seq may be showing; forgets it, so it is closed once.</summary>
    public async Task<bool> TakeAsync(string userId, long conversationId, long readSeq)
    {
        if (!redis.Enabled)
        {
            return _shown.TryGetValue((userId, conversationId), out var pushed) && pushed <= readSeq
                   && _shown.TryRemove(new KeyValuePair<(string, long), long>((userId, conversationId), pushed));
        }

        try
        {
            var db = redis.Multiplexer.GetDatabase();
            var pushed = await db.HashGetAsync(Key(userId), conversationId);
            return pushed.HasValue && (long)pushed <= readSeq && await db.HashDeleteAsync(Key(userId), conversationId);
        }
        catch (RedisException ex)
        {
            logger.LogDebug(ex, "Could not read the pushes noted in Redis.");
            return false;
        }
    }

    private RedisKey Key(string userId) => redis.Key("push:shown:" + userId);
}
