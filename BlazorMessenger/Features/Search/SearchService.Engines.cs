using BlazorMessenger.Data;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Features.Search;

/// <summary>
/// The two engines behind one service, with the same rules: words of the caller's conversations (in one they left,
/// only what came before), no deleted or system messages, newest first, the whole body with its matches marked.
/// </summary>
public sealed partial class SearchService
{
    /// <summary>What the caller may search: the messages they may read (see <see cref="Membership"/>), not deleted, not system lines.</summary>
    private static IQueryable<Message> Searchable(ApplicationDbContext db, string userId, long only) =>
        db.MessagesReadableBy(userId).NotHiddenFrom(db, userId).AsNoTracking()
            .Where(m => m.DeletedUtc == null && m.Kind != MessageKind.System && (only == 0 || m.ConversationId == only));

    /// <summary>SQLite: the FTS5 table MessagesFts (unicode61, diacritics removed, prefix indexes).</summary>
    private static async Task<List<HitRow>> FindSqliteAsync(ApplicationDbContext db, string userId, long only, string? typed, CancellationToken ct)
    {
        if (SearchQuery.ToFts(typed) is not { } match)
        {
            return [];
        }

        var matches = db.Database.SqlQuery<FtsMatch>($"""
            SELECT rowid AS MessageId, highlight(MessagesFts, 0, char(1), char(2)) AS Marked
            FROM MessagesFts WHERE MessagesFts MATCH {match}
            """);
        var rows = await Searchable(db, userId, only)
            .Join(matches, m => m.Id, f => f.MessageId, (m, f) => new { m.Id, m.ConversationId, m.Seq, m.SenderId, m.CreatedUtc, f.Marked })
            .OrderByDescending(r => r.Id)
            .Take(MaxResults)
            .ToListAsync(ct);
        return rows.Select(r => new HitRow(r.Id, r.ConversationId, r.Seq, r.SenderId, r.CreatedUtc, r.Marked)).ToList();
    }

    /// <summary>
    /// PostgreSQL: the generated tsvector column SearchVector and its GIN index (see the Postgres Initial migration).
    /// ts_headline marks the words (for the page's hits only: it is the costly part) in the same punctuation-free text the
    /// index read; that text has the body's length, so the marks go back into the body itself.
    /// </summary>
    private static async Task<List<HitRow>> FindPostgresAsync(ApplicationDbContext db, string userId, long only, string? typed, CancellationToken ct)
    {
        if (SearchQuery.ToTsQuery(typed) is not { } match)
        {
            return [];
        }

        var matches = db.Database.SqlQuery<long>(
            $"""SELECT "Id" AS "Value" FROM "Messages" WHERE "SearchVector" @@ to_tsquery('messenger_search', {match})""");
        var rows = await Searchable(db, userId, only)
            .Where(m => matches.Contains(m.Id))
            .OrderByDescending(m => m.Id)
            .Take(MaxResults)
            .Select(m => new { m.Id, m.ConversationId, m.Seq, m.SenderId, m.CreatedUtc, m.Body })
            .ToListAsync(ct);
        if (rows.Count == 0)
        {
            return [];
        }

        const string marks = "HighlightAll=true, StartSel=\u0001, StopSel=\u0002";
        var ids = rows.Select(r => r.Id).ToArray();
        var headlines = await db.Database.SqlQuery<PostgresHeadline>($"""
            SELECT "Id" AS "MessageId",
                   ts_headline('messenger_search', messenger_search_text("Body"), to_tsquery('messenger_search', {match}), {marks}) AS "Headline"
            FROM "Messages" WHERE "Id" = ANY({ids})
            """).ToDictionaryAsync(h => h.MessageId, h => h.Headline, ct);
        return rows.Select(r => new HitRow(r.Id, r.ConversationId, r.Seq, r.SenderId, r.CreatedUtc,
            headlines.TryGetValue(r.Id, out var headline) ? MarkBody(r.Body, headline) : r.Body)).ToList();
    }

    /// <summary>The body with the headline's marks at the same places (the body unmarked if the lengths disagree).</summary>
    private static string MarkBody(string body, string headline)
    {
        var marked = new System.Text.StringBuilder(headline.Length);
        var at = 0;
        foreach (var c in headline)
        {
            if (c is '\u0001' or '\u0002')
            {
                marked.Append(c);
            }
            else if (at < body.Length)
            {
                marked.Append(body[at++]);
            }
            else
            {
                return body;
            }
        }

        return at == body.Length ? marked.ToString() : body;
    }

    private sealed record FtsMatch(long MessageId, string Marked);

    private sealed record PostgresHeadline(long MessageId, string Headline);
}
