using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Features.Admin;

public sealed partial class AdminService
{
    public async Task<AdminStats> StatsAsync(string adminId, int days = 14, CancellationToken ct = default)
    {
        await using var db = await AdminDbAsync(adminId, ct);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var since = today.AddDays(1 - days).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var recent = await db.Messages.AsNoTracking().Where(m => m.CreatedUtc >= since).Select(m => m.CreatedUtc).ToListAsync(ct);
        var perDay = Enumerable.Range(0, days).Select(i => today.AddDays(i - days + 1))
            .Select(day => new DayCount(day, recent.Count(c => DateOnly.FromDateTime(c) == day)))
            .ToList();
        var activeSince = time.GetUtcNow().UtcDateTime.AddDays(-30);
        return new AdminStats(
            await db.Users.CountAsync(u => u.DeletedUtc == null && !u.IsBot, ct), // people: not bots, not webhooks
            await db.Users.CountAsync(u => u.DeletedUtc == null && u.LastSeenUtc >= activeSince, ct),
            await db.Messages.LongCountAsync(ct),
            perDay,
            await db.Media.GroupBy(m => m.StorageKey).Select(g => g.Max(m => m.Bytes)).SumAsync(ct),
            DatabaseBytes());
    }

    public async Task<IReadOnlyList<AuditEntry>> AuditLogAsync(string adminId, CancellationToken ct = default)
    {
        await using var db = await AdminDbAsync(adminId, ct);
        var rows = await db.AdminActions.AsNoTracking().OrderByDescending(a => a.Id).Take(200)
            .Select(a => new
            {
                a.CreatedUtc, a.Action, a.Detail,
                Admin = db.Users.Where(u => u.Id == a.AdminId).Select(u => u.UserName).First(),
                Subject = db.Users.Where(u => u.Id == a.SubjectId).Select(u => u.UserName).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return [.. rows.Select(a => new AuditEntry(a.CreatedUtc, a.Admin!, a.Action, a.Subject, a.Detail))];
    }

    /// <summary>The database file with its write-ahead log; media files are counted from their rows.</summary>
    private long DatabaseBytes() =>
        Directory.EnumerateFiles(storage.DataDirectory, "*.db*").Sum(f => new FileInfo(f).Length);
}
