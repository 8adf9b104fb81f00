using BlazorMessenger.Data;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Features.Search;

/// <summary>
/// Full-text search over what the caller may read (see <see cref="Membership"/>: in a group they left, only what came
/// before), newest first. System messages ("bob added carol") are not searched.
/// </summary>
public sealed partial class SearchService(IDbContextFactory<ApplicationDbContext> dbFactory)
{
    public const int MaxResults = 50;

    /// <summary>Searches one conversation (the caller must be a member) or, with null, all of the caller's.</summary>
    public async Task<IReadOnlyList<SearchHit>> SearchAsync(
        string userId, long? conversationId, string? typed, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (conversationId is { } id)
        {
            await db.ReadableUpToAsync(userId, id, ct);
        }

        var rows = db.Database.IsNpgsql()
            ? await FindPostgresAsync(db, userId, conversationId ?? 0, typed, ct)
            : await FindSqliteAsync(db, userId, conversationId ?? 0, typed, ct);
        if (rows.Count == 0)
        {
            return [];
        }

        // One read of everyone the hits name: senders by their display name, mentions (stored as tokens) as "@username",
        // as the composer and the editor show them.
        var people = rows.SelectMany(r => Mentions.Ids(r.Marked).Append(r.SenderId)).Distinct().ToList();
        var named = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => (u.UserName, u.DisplayName), ct);
        var handles = named.ToDictionary(p => p.Key, p => p.Value.UserName);
        var senders = named.ToDictionary(p => p.Key, p => string.IsNullOrWhiteSpace(p.Value.DisplayName) ? p.Value.UserName! : p.Value.DisplayName);

        var conversationIds = rows.Select(r => r.ConversationId).Distinct().ToList();
        var places = await db.Conversations.AsNoTracking()
            .Where(c => conversationIds.Contains(c.Id))
            .Select(c => new
            {
                c.Id, c.Kind, c.Title,
                Peer = c.Members.Where(m => m.UserId != userId).Select(m => new { m.User!.UserName, m.User.DisplayName }).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var placeOf = places.Where(p => p.Kind == ConversationKind.Group || p.Peer is not null).ToDictionary(
            p => p.Id,
            p => p.Kind == ConversationKind.Group
                ? (Name: p.Title ?? "", Href: Conversations.GroupHref(p.Id))
                : (Name: string.IsNullOrWhiteSpace(p.Peer!.DisplayName) ? p.Peer.UserName! : p.Peer.DisplayName,
                   Href: Conversations.DirectHref(p.Peer.UserName!)));
        return rows.Where(r => placeOf.ContainsKey(r.ConversationId))
            .Select(r => new SearchHit(r.MessageId, r.ConversationId, r.Seq, r.SenderId,
                DateTime.SpecifyKind(r.CreatedUtc, DateTimeKind.Utc), SearchSnippet.Of(r.Marked, id => handles.GetValueOrDefault(id)),
                placeOf[r.ConversationId].Name, placeOf[r.ConversationId].Href,
                r.SenderId == userId ? "You" : senders.GetValueOrDefault(r.SenderId, "")))
            .ToList();
    }

    /// <summary>Marked: the whole body, matches between \u0001 and \u0002; <see cref="SearchSnippet"/> cuts it.</summary>
    private sealed record HitRow(long MessageId, long ConversationId, long Seq, string SenderId, DateTime CreatedUtc, string Marked);
}
