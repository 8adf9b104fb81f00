using BlazorMessenger.Data;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Features.Search;

/// <summary>Full-text search over the caller's own conversations only, newest first.</summary>
public sealed class SearchService(IDbContextFactory<ApplicationDbContext> dbFactory)
{
    public const int MaxResults = 50;

    /// <summary>Searches one conversation (the caller must be a member) or, with null, all of the caller's.</summary>
    public async Task<IReadOnlyList<SearchHit>> SearchAsync(
        string userId, long? conversationId, string? typed, CancellationToken ct = default)
    {
        var match = SearchQuery.ToFts(typed);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (conversationId is { } id && !await db.ConversationMembers.AnyAsync(m => m.ConversationId == id && m.UserId == userId, ct))
        {
            throw new NotAMemberException(id);
        }

        if (match is null)
        {
            return [];
        }

        var only = conversationId ?? 0;
        var rows = await db.Database.SqlQuery<HitRow>($"""
            SELECT m.Id AS MessageId, m.ConversationId, m.Seq, m.SenderId, m.CreatedUtc,
                   snippet(MessagesFts, 0, char(1), char(2), '…', 16) AS Snippet
            FROM MessagesFts f
            JOIN Messages m ON m.Id = f.rowid
            WHERE MessagesFts MATCH {match}
              AND m.DeletedUtc IS NULL
              AND ({only} = 0 OR m.ConversationId = {only})
              AND m.ConversationId IN (SELECT ConversationId FROM ConversationMembers WHERE UserId = {userId})
            ORDER BY f.rowid DESC
            LIMIT {MaxResults}
            """).ToListAsync(ct);
        if (rows.Count == 0)
        {
            return [];
        }

        var conversationIds = rows.Select(r => r.ConversationId).Distinct().ToList();
        var peers = await db.ConversationMembers.AsNoTracking()
            .Where(m => conversationIds.Contains(m.ConversationId) && m.UserId != userId)
            .Select(m => new { m.ConversationId, m.User!.UserName, m.User.DisplayName })
            .ToListAsync(ct);
        var peerOf = peers.GroupBy(p => p.ConversationId).ToDictionary(g => g.Key, g => g.First());
        return rows.Where(r => peerOf.ContainsKey(r.ConversationId))
            .Select(r => new SearchHit(r.MessageId, r.ConversationId, r.Seq, r.SenderId,
                DateTime.SpecifyKind(r.CreatedUtc, DateTimeKind.Utc), r.Snippet,
                peerOf[r.ConversationId].UserName!, peerOf[r.ConversationId].DisplayName))
            .ToList();
    }

    private sealed record HitRow(long MessageId, long ConversationId, long Seq, string SenderId, DateTime CreatedUtc, string Snippet);
}
