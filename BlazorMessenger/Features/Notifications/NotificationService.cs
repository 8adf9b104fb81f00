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
    /// <summary>The sender's name, with their @username when another member's name reads alike (see LookAlike).</summary>
    private static async Task<string> ShownInGroupAsync(ApplicationDbContext db, string userId, long groupId, ChatPeer sender, CancellationToken ct)
    {
        var members = await db.CurrentMembers(groupId).AsNoTracking()
            .Select(m => new ChatPeer(m.UserId, m.User!.UserName!, m.User.DisplayName, null, null, false))
            .ToListAsync(ct);
        var hiding = await db.HidingFromAsync(userId, [.. members.Select(m => m.UserId)], ct);
        return LookAlike.Shown(sender, LookAlike.Among(members.Select(m => m.MaskedFor(hiding))));
    }

    public async Task<BrowserNotification?> ForAsync(string userId, ChatMessage message, CancellationToken ct = default)
    {
        if (message.SenderId == userId || message.IsDeleted)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.MembershipOf(userId, message.ConversationId).AsNoTracking().Current()
            .Select(m => new
            {
                m.MutedUntilUtc, m.User!.SilencesMutedMentions, m.Conversation!.Kind, m.Conversation.Title, m.RequestedUtc,
                Blocked = db.Blocks.Any(b => b.BlockerId == userId && b.BlockedId == message.SenderId),
            })
            .SingleOrDefaultAsync(ct);
        if (row is null || row.RequestedUtc is not null || row.Blocked || (IsMuted(row.MutedUntilUtc) && (row.SilencesMutedMentions || !Mentions.Mention(message.Body, userId))))
        {
            return null;
        }

        var named = Mentions.Ids(message.Body).Append(message.SenderId).Distinct().ToList();
        var hiding = await db.HidingFromAsync(userId, named, ct);
        var people = await db.Users.AsNoTracking().Where(u => named.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => new ChatPeer(u.Id, u.UserName!, u.DisplayName, null, u.AvatarMediaId).MaskedFor(hiding), ct);
        var sender = people.GetValueOrDefault(message.SenderId) ?? new ChatPeer(message.SenderId, "someone", null, null);
        var text = Shorten(MessageRules.Preview(message.Kind, Mentions.Decode(message.Body, id => people.GetValueOrDefault(id)?.UserName)));
        var group = row.Kind == ConversationKind.Group;
        var from = group && message.Kind != MessageKind.System ? await ShownInGroupAsync(db, userId, message.ConversationId, sender, ct) : sender.Name;
        return new BrowserNotification(
            message.ConversationId, message.Seq, group ? row.Title ?? "Group" : sender.Name,
            group && message.Kind != MessageKind.System ? $"{from}: {text}" : text,
            sender.AvatarId is { } avatar ? $"avatars/{avatar}" : "favicon.png",
            Conversations.Href(message.ConversationId, group ? null : sender), group);
    }

    /// <summary>The first 100 characters as people count them (an emoji is one), with an ellipsis when cut.</summary>
    private static string Shorten(string text)
    {
        var info = new StringInfo(text);
        return info.LengthInTextElements <= BodyLength ? text : info.SubstringByTextElements(0, BodyLength) + "…";
    }
}
