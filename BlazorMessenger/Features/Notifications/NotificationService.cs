using System.Globalization;
using BlazorMessenger.Data;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Profile;
using BlazorMessenger.Features.Safety;
using BlazorMessenger.Features.Shared;
using BlazorMessenger.Realtime;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Features.Notifications;

public enum MuteFor
{
    OneHour,
    EightHours,
    OneWeek,
    Always,
}

/// <summary>What the browser shows for one message: Href opens the conversation, Tag groups it with the conversation's last one.</summary>
public sealed record BrowserNotification(long ConversationId, long Seq, string Title, string Body, string Icon, string Href, bool Group = false)
{
    public string Tag => TagOf(ConversationId);

    public static string TagOf(long conversationId) => $"bm-conversation-{conversationId}";
}

/// <summary>
/// Muting conversations and what a new message's browser notification says. The browser decides whether it is shown
/// at all (notifications on in that browser, the conversation not open in one of its visible tabs, one tab only).
/// </summary>
public sealed class NotificationService(IDbContextFactory<ApplicationDbContext> dbFactory, IMessengerHub hub, TimeProvider time)
{
    public const int BodyLength = 100;

    public static readonly IReadOnlyList<(MuteFor For, string Label)> MuteChoices =
    [
        (MuteFor.OneHour, "Mute for 1 hour"), (MuteFor.EightHours, "Mute for 8 hours"), (MuteFor.OneWeek, "Mute for 1 week"),
        (MuteFor.Always, "Mute always"),
    ];

    /// <summary>Mutes the conversation for a while (null: unmutes it); every tab of the person follows.</summary>
    public async Task MuteAsync(string userId, long conversationId, MuteFor? duration, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        DateTime? until = duration switch
        {
            null => null,
            MuteFor.OneHour => now.AddHours(1),
            MuteFor.EightHours => now.AddHours(8),
            MuteFor.OneWeek => now.AddDays(7),
            MuteFor.Always => DateTime.MaxValue,
            _ => throw new ArgumentOutOfRangeException(nameof(duration)),
        };
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.ReadableUpToAsync(userId, conversationId, ct);
        await db.MembershipOf(userId, conversationId).ExecuteUpdateAsync(s => s.SetProperty(m => m.MutedUntilUtc, until), ct);
        hub.Publish([userId], new ConversationChanged(conversationId, null));
    }

    /// <summary>Until when the conversation is muted for the person; null when it is not (any more).</summary>
    public async Task<DateTime?> MutedUntilAsync(string userId, long conversationId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var until = await db.MembershipOf(userId, conversationId).Select(m => new { m.MutedUntilUtc }).SingleOrDefaultAsync(ct)
            is { } row ? row.MutedUntilUtc : throw new NotAMemberException(conversationId);
        return IsMuted(until) ? until : null;
    }

    public bool IsMuted(DateTime? mutedUntilUtc) => mutedUntilUtc > time.GetUtcNow().UtcDateTime;

    /// <summary>
    /// The notification a message makes for the person, or null: their own message, a conversation they are no longer
    /// in, a message request, one from someone they blocked (in a group), or a muted one (unless it mentions them and
    /// they let mentions through).
    /// </summary>
    public async Task<BrowserNotification?> ForAsync(string userId, ChatMessage message, CancellationToken ct = default) =>
        (await ForEachAsync([userId], message, ct)).GetValueOrDefault(userId);

    /// <summary>The notifications a message makes for these people (by the rules of ForAsync), in a few queries for all of them.</summary>
    public async Task<IReadOnlyDictionary<string, BrowserNotification>> ForEachAsync(
        IReadOnlyCollection<string> userIds, ChatMessage message, CancellationToken ct = default)
    {
        var readers = userIds.Where(id => id != message.SenderId).Distinct().ToList();
        if (readers.Count == 0 || message.IsDeleted)
        {
            return new Dictionary<string, BrowserNotification>();
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.CurrentMembers(message.ConversationId).AsNoTracking().Where(m => readers.Contains(m.UserId))
            .Select(m => new
            {
                m.UserId, m.MutedUntilUtc, m.User!.SilencesMutedMentions, m.Conversation!.Kind, m.Conversation.Title, m.RequestedUtc,
                Blocked = db.Blocks.Any(b => b.BlockerId == m.UserId && b.BlockedId == message.SenderId),
            })
            .ToListAsync(ct);
        var reached = rows.Where(r => r.RequestedUtc is null && !r.Blocked
                                      && (!IsMuted(r.MutedUntilUtc) || (!r.SilencesMutedMentions && Mentions.Mention(message.Body, r.UserId))))
            .ToList();
        if (reached.Count == 0)
        {
            return new Dictionary<string, BrowserNotification>();
        }

        var (kind, title) = (reached[0].Kind, reached[0].Title);
        var group = kind == ConversationKind.Group;
        var named = Mentions.Ids(message.Body).Append(message.SenderId).Distinct().ToList();
        var people = await db.Users.AsNoTracking().Where(u => named.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => new ChatPeer(u.Id, u.UserName!, u.DisplayName, null, u.AvatarMediaId), ct);
        // In a group a sender's name is shown with their @username when another member's name reads alike (LookAlike).
        var members = group && message.Kind != MessageKind.System
            ? await db.CurrentMembers(message.ConversationId).AsNoTracking()
                .Select(m => new ChatPeer(m.UserId, m.User!.UserName!, m.User.DisplayName, null, null, false)).ToListAsync(ct)
            : [];
        var hiding = await db.HidingFromEachAsync([.. reached.Select(r => r.UserId)], [.. named.Union(members.Select(m => m.UserId))], ct);

        var notes = new Dictionary<string, BrowserNotification>(StringComparer.Ordinal);
        foreach (var reader in reached.Select(r => r.UserId))
        {
            var hides = hiding[reader].ToHashSet(StringComparer.Ordinal);
            var sender = people.GetValueOrDefault(message.SenderId)?.MaskedFor(hides) ?? new ChatPeer(message.SenderId, "someone", null, null);
            var text = Shorten(MessageRules.Preview(message.Kind, Mentions.Decode(message.Body, id => people.GetValueOrDefault(id)?.UserName)));
            var from = members.Count > 0 ? LookAlike.Shown(sender, LookAlike.Among(members.Select(m => m.MaskedFor(hides)))) : sender.Name;
            notes[reader] = new BrowserNotification(
                message.ConversationId, message.Seq, group ? title ?? "Group" : sender.Name,
                group && message.Kind != MessageKind.System ? $"{from}: {text}" : text,
                sender.AvatarId is { } avatar ? $"avatars/{avatar}" : "favicon.png",
                Conversations.Href(message.ConversationId, group ? null : sender), group);
        }

        return notes;
    }

    /// <summary>The first 100 characters as people count them (an emoji is one), with an ellipsis when cut.</summary>
    private static string Shorten(string text)
    {
        var info = new StringInfo(text);
        return info.LengthInTextElements <= BodyLength ? text : info.SubstringByTextElements(0, BodyLength) + "…";
    }
}
