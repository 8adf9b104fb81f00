using BlazorMessenger.Data;
using BlazorMessenger.Features.Safety;
using BlazorMessenger.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Features.Chat.List;

/// <summary>
/// Reads someone's conversation list as the list shows it: each conversation's name and picture, its last message with
/// how its sender is named, the unread and mention counts, delivery and requests. Only the caller's own memberships are
/// read (<see cref="Membership"/>), and a group they left as it was up to then.
/// </summary>
public sealed class ConversationListService(IDbContextFactory<ApplicationDbContext> dbFactory)
{
    /// <summary>
    /// The caller's conversations, newest activity first. A group the caller left or was removed from stays, as it was
    /// up to then (its last message, its count), so what they could see stays findable.
    /// </summary>
    /// <remarks>
    /// The peer and the last message are read by separate keyed queries: as a per-row FirstOrDefault, EF Core's SQLite
    /// translation numbered the rows of every member and every message in the database (ROW_NUMBER over the whole
    /// table) for each list, so opening a page grew with the whole database (half a second at 250,000 messages).
    /// </remarks>
    public async Task<IReadOnlyList<ConversationSummary>> ListAsync(string userId, CancellationToken ct = default)
    {
        var (myToken, everyone) = (Mentions.Token(userId), Mentions.Token(Mentions.All));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.MembershipsOf(userId).AsNoTracking()
            .Select(me => new
            {
                me.ConversationId,
                me.LastReadSeq,
                me.DeliveredSeq,
                me.MutedUntilUtc,
                me.LeftSeq,
                me.RequestedUtc,
                me.DismissedSeq,
                me.Conversation!.Kind,
                Title = me.TitleWhenLeft ?? me.Conversation.Title,
                PictureMediaId = me.LeftSeq == null ? me.Conversation.PictureMediaId : null,
                me.Conversation.CreatedUtc,
                LastSeq = me.LeftSeq ?? me.Conversation.LastSeq,
                MentionsOfMe = me.LeftSeq == null && me.Conversation.Kind == ConversationKind.Group
                    ? db.Messages.Count(x => x.ConversationId == me.ConversationId && x.Seq > me.LastReadSeq && x.SenderId != userId
                                             && x.DeletedUtc == null && (x.Body.Contains(myToken) || x.Body.Contains(everyone)))
                    : 0,
            })
            .ToListAsync(ct);

        var directIds = rows.Where(r => r.Kind != ConversationKind.Group).Select(r => r.ConversationId).ToList();
        var peers = (await db.ConversationMembers.AsNoTracking()
                .Where(m => directIds.Contains(m.ConversationId) && m.UserId != userId)
                .Select(m => new { m.ConversationId, Peer = new ChatPeer(m.UserId, m.User!.UserName!, m.User.DisplayName, null, m.User.AvatarMediaId, false, m.User.IsBot) })
                .ToListAsync(ct))
            .DistinctBy(p => p.ConversationId).ToDictionary(p => p.ConversationId, p => p.Peer);

        // The last message: the conversation's, or for a group the reader left, the last one up to then.
        var last = (await db.MembershipsOf(userId).AsNoTracking().Reach()
                .Join(db.Messages, me => new { Id = me.Member.ConversationId, Seq = me.UpTo },
                    x => new { Id = x.ConversationId, x.Seq }, (_, x) => x)
                .Select(x => new LastRow(x.ConversationId, x.Seq, x.Body, x.SenderId, x.Kind, x.CreatedUtc, x.DeletedUtc != null))
                .ToListAsync(ct))
            .ToDictionary(x => x.ConversationId);
        var senderIds = rows.Where(r => r.Kind == ConversationKind.Group && last.ContainsKey(r.ConversationId))
            .SelectMany(r => Mentions.Ids(last[r.ConversationId].Body).Append(last[r.ConversationId].SenderId)).Distinct().ToList();
        var people = await db.Users.AsNoTracking().Where(u => senderIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => (u.UserName, Name: string.IsNullOrWhiteSpace(u.DisplayName) ? u.UserName! : u.DisplayName), ct);
        var hiding = await db.HidingFromAsync(userId, [.. peers.Values.Select(p => p.UserId), .. senderIds], ct);
        var senderShown = await GroupSendersShownAsync(db, userId, rows.Where(r => r.Kind == ConversationKind.Group && r.LeftSeq == null)
            .Select(r => r.ConversationId).Where(last.ContainsKey).ToList(), last, hiding, ct);

        // Read after the rows: a message that came in between is the last one, and counts.
        rows = [.. rows.Select(r => last.TryGetValue(r.ConversationId, out var l) && l.Seq > r.LastSeq ? r with { LastSeq = l.Seq } : r)];

        // A request shows once it has a message, and a deleted one again only with a newer message.
        return rows
            .Where(r => r.Kind == ConversationKind.Group || peers.ContainsKey(r.ConversationId))
            .Where(r => r.RequestedUtc is null || r.LastSeq > (r.DismissedSeq ?? 0))
            .Select(r =>
            {
                var peer = r.Kind == ConversationKind.Group ? null : peers[r.ConversationId].MaskedFor(hiding);
                var lastRow = last.GetValueOrDefault(r.ConversationId);
                return new ConversationSummary(
                    r.ConversationId, peer?.Name ?? r.Title ?? "", peer, peer is null ? r.PictureMediaId : peer.AvatarId,
                    lastRow is null ? null : lastRow.Deleted ? MessageRules.DeletedText
                        : MessageRules.Preview(lastRow.Kind, Mentions.Decode(lastRow.Body, id => people.GetValueOrDefault(id).UserName)),
                    lastRow?.SenderId, DateTime.SpecifyKind(lastRow?.CreatedUtc ?? r.CreatedUtc, DateTimeKind.Utc), r.LastSeq, r.LastReadSeq,
                    lastRow?.Kind, lastRow is null ? null : senderShown.GetValueOrDefault(r.ConversationId) ?? people.GetValueOrDefault(lastRow.SenderId).Name,
                    r.LeftSeq, r.MentionsOfMe,
                    r.DeliveredSeq, r.MutedUntilUtc, r.RequestedUtc is not null);
            })
            .OrderByDescending(s => s.LastActivityUtc)
            .ToList();
    }

    /// <summary>
    /// How the last message's sender is named in each group's preview where that needs more than their name: hidden from
    /// the reader (their username), or mistakable for another member (with their @username, see LookAlike).
    /// </summary>
    private static async Task<Dictionary<long, string>> GroupSendersShownAsync(
        ApplicationDbContext db, string userId, IReadOnlyList<long> groupIds, Dictionary<long, LastRow> last, IReadOnlySet<string> hiding,
        CancellationToken ct)
    {
        var asked = groupIds.Where(id => last[id].SenderId != userId && last[id].Kind != MessageKind.System).ToList();
        if (asked.Count == 0)
        {
            return [];
        }

        var members = await db.ConversationMembers.Current().AsNoTracking().Where(m => asked.Contains(m.ConversationId))
            .Select(m => new { m.ConversationId, Person = new ChatPeer(m.UserId, m.User!.UserName!, m.User.DisplayName, null, null, false, m.User.IsBot) })
            .ToListAsync(ct);
        var shown = new Dictionary<long, string>();
        foreach (var group in members.GroupBy(m => m.ConversationId))
        {
            var people = group.Select(m => m.Person.MaskedFor(hiding)).ToList();
            if (people.Find(p => p.UserId == last[group.Key].SenderId) is { } sender)
            {
                shown[group.Key] = Profile.LookAlike.Shown(sender, Profile.LookAlike.Among(people));
            }
        }

        return shown;
    }

    private sealed record LastRow(long ConversationId, long Seq, string Body, string SenderId, MessageKind Kind, DateTime CreatedUtc, bool Deleted);
}
