using BlazorMessenger.Data;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Safety;
using BlazorMessenger.Features.Shared;
using BlazorMessenger.Realtime;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Features.Typing;

/// <summary>Someone typing in a conversation, by the name the others know them by.</summary>
public sealed record Typist(string UserId, string Name);

/// <summary>
/// Who is typing where, in memory only (typing is never stored). A composer reports at most every 3 seconds while keys
/// are pressed; a report makes the person a typist until 5 seconds after their last one, or until their message is
/// stored. The current members hear only of changes (someone starts or stops), as the conversation's whole list with a
/// version: events are published outside the lock (a handler may render inline), so a listener keeps the latest version.
/// With several instances each knows the typists whose circuits it holds, and says which instance it is.
/// </summary>
public sealed class TypingTracker(
    IDbContextFactory<ApplicationDbContext> dbFactory, IMessengerHub hub, UserRateLimiter rateLimiter, SendRefusals refusals,
    RedisConnection instance, TimeProvider time, ILogger<TypingTracker> logger)
{
    public static readonly TimeSpan Expiry = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private readonly Dictionary<long, Dictionary<string, Entry>> _typing = [];
    private readonly Dictionary<(long, string), long> _sentAt = [];
    private long _version;

    /// <summary>
    /// The user is typing in the conversation. Throws <see cref="NotAMemberException"/> unless they are a current member;
    /// false when the per-user limit refused the report.
    /// </summary>
    public async Task<bool> ReportAsync(string userId, long conversationId, CancellationToken ct = default)
    {
        var asked = time.GetTimestamp();
        if (!rateLimiter.TryAcquire(RateLimitedAction.ReportTyping, userId))
        {
            return false;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.EnsureCurrentMemberAsync(userId, conversationId, ct);
        var members = await db.CurrentMembers(conversationId).AsNoTracking()
            .Select(m => new
            {
                m.UserId, m.User!.UserName, m.User.DisplayName,
                BlocksTypist = db.Blocks.Any(b => b.BlockerId == m.UserId && b.BlockedId == userId),
            })
            .ToListAsync(ct);
        var me = members.Single(m => m.UserId == userId);
        if (members.Count == 2 && await refusals.ForAsync(userId, conversationId, ct) is not null)
        {
            return true; // someone who takes no messages from the typist doesn't see them typing either
        }

        var entry = new Entry(
            new Typist(userId, ChatPeer.NameOf(me.UserName!, me.DisplayName)),
            members.Where(m => m.BlocksTypist).Select(m => m.UserId).ToHashSet(StringComparer.Ordinal));
        TypingChanged? started = null;
        Entry[] typing = [];
        lock (_gate)
        {
            // A report overtaken by the person's own message (the two were on their way together) is over already.
            if (_sentAt.TryGetValue((conversationId, userId), out var sent) && sent > asked)
            {
                return true;
            }

            if (!_typing.TryGetValue(conversationId, out var typists))
            {
                typists = _typing[conversationId] = new Dictionary<string, Entry>(StringComparer.Ordinal);
            }

            var isNew = !typists.ContainsKey(userId);
            typists[userId] = entry;
            if (isNew)
            {
                (started, typing) = (Changed(conversationId), [.. typists.Values]);
            }
        }

        _ = ExpireAsync(conversationId, entry);
        if (started is not null)
        {
            Publish(members.Select(m => m.UserId), started, typing);
        }

        return true;
    }

    /// <summary>The person's message was stored: they are no longer typing there. Audience: the message's.</summary>
    public void MessageStored(long conversationId, string userId, IEnumerable<string> audience)
    {
        TypingChanged? stopped;
        Entry[] typing;
        lock (_gate)
        {
            ForgetOldMessages();
            _sentAt[(conversationId, userId)] = time.GetTimestamp();
            (stopped, typing) = (Remove(conversationId, userId, null), Typing(conversationId));
        }

        if (stopped is not null)
        {
            Publish(audience, stopped, typing);
        }
    }

    /// <summary>
    /// Who is typing in those of these conversations where someone is, now, as the viewer may see it (for a screen that
    /// opens meanwhile).
    /// </summary>
    public TypingNow In(IEnumerable<long> conversationIds, string viewerId)
    {
        lock (_gate)
        {
            return new TypingNow(
                conversationIds.Where(_typing.ContainsKey).ToDictionary(
                    id => id,
                    id => new TypingChanged(id, [.. Typing(id).Where(e => !e.HiddenFrom.Contains(viewerId)).Select(e => e.Typist)], _version, instance.InstanceId)),
                _version, instance.InstanceId);
        }
    }

    /// <summary>
    /// A change goes to the audience as it is, except to anyone who blocked one of the typists: they get the list without
    /// them, so a blocked person in a shared group is never seen typing.
    /// </summary>
    private void Publish(IEnumerable<string> audience, TypingChanged changed, Entry[] typing)
    {
        var hiding = typing.Where(e => e.HiddenFrom.Count > 0).ToList();
        if (hiding.Count == 0)
        {
            hub.Publish(audience, changed);
            return;
        }

        var everyone = new List<string>();
        foreach (var id in audience)
        {
            if (hiding.Any(e => e.HiddenFrom.Contains(id)))
            {
                hub.Publish([id], changed with { Typists = [.. changed.Typists.Where(t => !hiding.Any(e => e.Typist.UserId == t.UserId && e.HiddenFrom.Contains(id)))] });
            }
            else
            {
                everyone.Add(id);
            }
        }

        hub.Publish(everyone, changed);
    }

    private async Task ExpireAsync(long conversationId, Entry entry)
    {
        try
        {
            await Task.Delay(Expiry, time);
            await using var db = await dbFactory.CreateDbContextAsync();
            var audience = await db.CurrentMemberIdsAsync(conversationId, CancellationToken.None);
            TypingChanged? stopped;
            Entry[] typing;
            lock (_gate)
            {
                (stopped, typing) = (Remove(conversationId, entry.Typist.UserId, entry), Typing(conversationId));
            }

            if (stopped is not null)
            {
                Publish(audience, stopped, typing);
            }
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not announce that typing stopped in {ConversationId}.", conversationId);
        }
    }

    /// <summary>Under the lock: removes the typist (only if this is still their latest report, when one is given).</summary>
    private TypingChanged? Remove(long conversationId, string userId, Entry? only)
    {
        if (!_typing.TryGetValue(conversationId, out var typists) || !typists.TryGetValue(userId, out var current)
            || (only is not null && !ReferenceEquals(current, only)))
        {
            return null;
        }

        typists.Remove(userId);
        if (typists.Count == 0)
        {
            _typing.Remove(conversationId);
        }

        return Changed(conversationId);
    }

    /// <summary>Under the lock: the conversation's typists now, as the next version.</summary>
    private TypingChanged Changed(long conversationId) => new(conversationId, List(conversationId), ++_version, instance.InstanceId);

    private IReadOnlyList<Typist> List(long conversationId) => [.. Typing(conversationId).Select(e => e.Typist)];

    /// <summary>Under the lock: the conversation's typists now, with whom each is hidden from.</summary>
    private Entry[] Typing(long conversationId) => _typing.TryGetValue(conversationId, out var typists) ? [.. typists.Values] : [];

    /// <summary>Under the lock: only a report still on its way can be older than a message, so a few seconds of them is enough.</summary>
    private void ForgetOldMessages()
    {
        if (_sentAt.Count < 4096)
        {
            return;
        }

        var before = time.GetTimestamp() - (long)(Expiry.TotalSeconds * time.TimestampFrequency);
        foreach (var key in _sentAt.Where(p => p.Value < before).Select(p => p.Key).ToList())
        {
            _sentAt.Remove(key);
        }
    }

    /// <summary>A typist's latest report, and the members who blocked them (who never see them typing).</summary>
    private sealed record Entry(Typist Typist, IReadOnlySet<string> HiddenFrom);
}
