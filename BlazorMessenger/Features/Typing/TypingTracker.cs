using BlazorMessenger.Data;
using BlazorMessenger.Realtime;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Features.Typing;

/// <summary>Someone typing in a conversation, by the name the others know them by.</summary>
public sealed record Typist(string UserId, string Name);

/// <summary>
/// Who is typing where, in memory only (typing is never stored). A composer reports at most every 3 seconds while keys
/// are pressed; a report makes the person a typist until 5 seconds after their last one, or until their message is
/// stored. The current members hear only of changes (someone starts or stops), as the conversation's whole list.
/// </summary>
public sealed class TypingTracker(
    IDbContextFactory<ApplicationDbContext> dbFactory, IMessengerHub hub, UserRateLimiter rateLimiter, TimeProvider time,
    ILogger<TypingTracker> logger)
{
    public static readonly TimeSpan Expiry = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private readonly Dictionary<long, Dictionary<string, Entry>> _typing = [];

    /// <summary>
    /// The user is typing in the conversation. Throws <see cref="NotAMemberException"/> unless they are a current member;
    /// false when the per-user limit refused the report.
    /// </summary>
    public async Task<bool> ReportAsync(string userId, long conversationId, CancellationToken ct = default)
    {
        if (!rateLimiter.TryAcquire(RateLimitedAction.ReportTyping, userId))
        {
            return false;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var me = await db.ConversationMembers.AsNoTracking().Current()
            .Where(m => m.ConversationId == conversationId && m.UserId == userId)
            .Select(m => new { m.User!.UserName, m.User.DisplayName })
            .FirstOrDefaultAsync(ct) ?? throw new NotAMemberException(conversationId);

        var entry = new Entry(new Typist(userId, string.IsNullOrWhiteSpace(me.DisplayName) ? me.UserName! : me.DisplayName));
        bool started;
        lock (_gate)
        {
            if (!_typing.TryGetValue(conversationId, out var typists))
            {
                typists = _typing[conversationId] = new Dictionary<string, Entry>(StringComparer.Ordinal);
            }

            started = !typists.ContainsKey(userId);
            typists[userId] = entry;
        }

        _ = ExpireAsync(conversationId, entry);
        if (started)
        {
            hub.Publish(await db.CurrentMemberIdsAsync(conversationId, ct), Changed(conversationId));
        }

        return true;
    }

    /// <summary>The person's message arrived: they are no longer typing there. Audience: the message's.</summary>
    public void MessageStored(long conversationId, string userId, IEnumerable<string> audience)
    {
        if (Remove(conversationId, userId, null))
        {
            hub.Publish(audience, Changed(conversationId));
        }
    }

    /// <summary>Who is typing in each of these conversations now (for a screen that opens meanwhile).</summary>
    public IReadOnlyDictionary<long, IReadOnlyList<Typist>> In(IEnumerable<long> conversationIds)
    {
        lock (_gate)
        {
            return conversationIds.Where(_typing.ContainsKey).ToDictionary(id => id, List);
        }
    }

    private async Task ExpireAsync(long conversationId, Entry entry)
    {
        try
        {
            await Task.Delay(Expiry, time);
            if (Remove(conversationId, entry.Typist.UserId, entry))
            {
                await using var db = await dbFactory.CreateDbContextAsync();
                hub.Publish(await db.CurrentMemberIdsAsync(conversationId, CancellationToken.None), Changed(conversationId));
            }
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not announce that typing stopped in {ConversationId}.", conversationId);
        }
    }

    /// <summary>Removes the typist (only if this is still their latest report, when one is given).</summary>
    private bool Remove(long conversationId, string userId, Entry? only)
    {
        lock (_gate)
        {
            if (!_typing.TryGetValue(conversationId, out var typists) || !typists.TryGetValue(userId, out var current)
                || (only is not null && !ReferenceEquals(current, only)))
            {
                return false;
            }

            typists.Remove(userId);
            if (typists.Count == 0)
            {
                _typing.Remove(conversationId);
            }

            return true;
        }
    }

    private TypingChanged Changed(long conversationId)
    {
        lock (_gate)
        {
            return new TypingChanged(conversationId, _typing.ContainsKey(conversationId) ? List(conversationId) : []);
        }
    }

    private IReadOnlyList<Typist> List(long conversationId) => [.. _typing[conversationId].Values.Select(e => e.Typist)];

    private sealed record Entry(Typist Typist);
}

/// <summary>How typing reads: "alice is typing…", "alice and bob are typing…", "3 people are typing…".</summary>
public static class TypingText
{
    /// <summary>The sentence for everyone typing but the reader, or null when nobody else is.</summary>
    public static string? Of(IReadOnlyList<Typist>? typists, string readerId)
    {
        var others = typists?.Where(t => t.UserId != readerId).Select(t => t.Name).ToList() ?? [];
        return others.Count switch
        {
            0 => null,
            1 => $"{others[0]} is typing…",
            2 => $"{others[0]} and {others[1]} are typing…",
            _ => $"{others.Count} people are typing…",
        };
    }
}
