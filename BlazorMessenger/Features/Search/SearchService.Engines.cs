using BlazorMessenger.Data;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Features.Search;

/// <summary>
/// The two engines behind one service, with the same rules: words of the caller's conversations (in one they left,
/// only what came before), no deleted or system messages, newest first, the whole body with its matches marked.
/// </summary>
public sealed partial class SearchService
{
    /// <summary>SQLite: the FTS5 table MessagesFts (unicode61, diacritics removed, prefix indexes).</summary>
    private static async Task<List<HitRow>> FindSqliteAsync(ApplicationDbContext db, string userId, long only, string? typed, CancellationToken ct)
    {
        if (SearchQuery.ToFts(typed) is not { } match)
        {
            return [];
        }

        return await db.Database.SqlQuery<HitRow>($"""
            SELECT m.Id AS MessageId, m.ConversationId, m.Seq, m.SenderId, m.CreatedUtc,
                   highlight(MessagesFts, 0, char(1), char(2)) AS Marked
            FROM MessagesFts f
            JOIN Messages m ON m.Id = f.rowid
            WHERE MessagesFts MATCH {match}
              AND m.DeletedUtc IS NULL AND m.Kind <> 2
              AND ({only} = 0 OR m.ConversationId = {only})
              AND EXISTS (SELECT 1 FROM ConversationMembers cm WHERE cm.ConversationId = m.ConversationId AND cm.UserId = {userId}
                          AND (cm.LeftSeq IS NULL OR m.Seq <= cm.LeftSeq))
            ORDER BY f.rowid DESC
            LIMIT {MaxResults}
            """).ToListAsync(ct);
    }

    /// <summary>
    /// PostgreSQL: the generated tsvector column SearchVector and its GIN index (see the Postgres Initial migration).
    /// ts_headline marks the words in the same punctuation-free text the index read; that text has the body's length,
    /// so the marks go back into the body itself.
    /// </summary>
    private static async Task<List<HitRow>> FindPostgresAsync(ApplicationDbContext db, string userId, long only, string? typed, CancellationToken ct)
    {
        if (SearchQuery.ToTsQuery(typed) is not { } match)
        {
            return [];
        }

        const string marks = "HighlightAll=true, StartSel=\u0001, StopSel=\u0002";
        var rows = await db.Database.SqlQuery<PostgresHit>($"""
            SELECT m."MessageId", m."ConversationId", m."Seq", m."SenderId", m."CreatedUtc", m."Body",
                   ts_headline('messenger_search', messenger_search_text(m."Body"), to_tsquery('messenger_search', {match}), {marks}) AS "Headline"
            FROM (SELECT m."Id" AS "MessageId", m."ConversationId", m."Seq", m."SenderId", m."CreatedUtc", m."Body"
                  FROM "Messages" m
                  WHERE m."SearchVector" @@ to_tsquery('messenger_search', {match})
                    AND m."DeletedUtc" IS NULL AND m."Kind" <> 2
                    AND ({only} = 0 OR m."ConversationId" = {only})
                    AND EXISTS (SELECT 1 FROM "ConversationMembers" cm WHERE cm."ConversationId" = m."ConversationId" AND cm."UserId" = {userId}
                                AND (cm."LeftSeq" IS NULL OR m."Seq" <= cm."LeftSeq"))
                  ORDER BY m."Id" DESC
                  LIMIT {MaxResults}) m
            ORDER BY m."MessageId" DESC
            """).ToListAsync(ct);
        return rows.Select(r => new HitRow(r.MessageId, r.ConversationId, r.Seq, r.SenderId, r.CreatedUtc, MarkBody(r.Body, r.Headline))).ToList();
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

    private sealed record PostgresHit(
        long MessageId, long ConversationId, long Seq, string SenderId, DateTime CreatedUtc, string Body, string Headline);
}
