using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Features.Accounts.Sessions;

public sealed partial class SessionService
{
    /// <summary>
    /// Which of these sessions still stand, by the rule of <see cref="IsActiveAsync"/>, with one query per thousand;
    /// those not marked active for <see cref="TouchInterval"/> are marked active now, in one statement.
    /// </summary>
    public async Task<HashSet<string>> StandingAsync(IReadOnlyCollection<(string SessionId, string UserId)> sessions, CancellationToken ct = default)
    {
        var standing = new HashSet<string>();
        var now = time.GetUtcNow().UtcDateTime;
        var idleSince = now - IdleLimit;
        await using var db = await dbs.CreateDbContextAsync(ct);
        foreach (var chunk in sessions.Chunk(1000))
        {
            var asked = chunk.ToHashSet();
            var ids = chunk.Select(s => s.SessionId).ToList();
            var rows = await db.Sessions.AsNoTracking()
                .Where(s => ids.Contains(s.Id))
                .Join(db.Users, s => s.UserId, u => u.Id, (s, u) => new
                {
                    s.Id, s.UserId, s.LastSeenUtc, Current = s.Stamp == u.SecurityStamp && u.DisabledUtc == null && u.DeletedUtc == null,
                })
                .ToListAsync(ct);
            var touch = new List<string>();
            foreach (var row in rows.Where(r => r.Current && r.LastSeenUtc >= idleSince && asked.Contains((r.Id, r.UserId))))
            {
                standing.Add(row.Id);
                if (now - row.LastSeenUtc >= TouchInterval)
                {
                    touch.Add(row.Id);
                }
            }

            if (touch.Count > 0)
            {
                await db.Sessions.Where(s => touch.Contains(s.Id)).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenUtc, now), ct);
            }
        }

        return standing;
    }
}
