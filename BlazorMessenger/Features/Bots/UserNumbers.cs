using BlazorMessenger.Data;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Features.Bots;

/// <summary>Participants' numbers (see <see cref="UserNumber"/>), given the first time a protocol needs one.</summary>
public static class UserNumbers
{
    /// <summary>The numbers of these users, giving one to each that has none yet (another instance may race: its number stands).</summary>
    public static async Task<Dictionary<string, long>> OfAsync(this ApplicationDbContext db, IReadOnlyCollection<string> userIds, CancellationToken ct)
    {
        var ids = userIds.Distinct(StringComparer.Ordinal).ToList();
        var known = await db.UserNumbers.AsNoTracking().Where(n => ids.Contains(n.UserId)).ToDictionaryAsync(n => n.UserId, n => n.Number, ct);
        var missing = ids.Where(id => !known.ContainsKey(id)).ToList();
        if (missing.Count == 0)
        {
            return known;
        }

        foreach (var id in missing)
        {
            await db.Database.ExecuteSqlAsync($"""INSERT INTO "UserNumbers" ("UserId") VALUES ({id}) ON CONFLICT ("UserId") DO NOTHING""", ct);
        }

        foreach (var n in await db.UserNumbers.AsNoTracking().Where(n => missing.Contains(n.UserId)).ToListAsync(ct))
        {
            known[n.UserId] = n.Number;
        }

        return known;
    }

    public static async Task<long> OfAsync(this ApplicationDbContext db, string userId, CancellationToken ct) =>
        (await db.OfAsync([userId], ct))[userId];

    /// <summary>The user a number stands for, or null.</summary>
    public static Task<string?> UserWithNumberAsync(this ApplicationDbContext db, long number, CancellationToken ct) =>
        db.UserNumbers.AsNoTracking().Where(n => n.Number == number).Select(n => n.UserId).FirstOrDefaultAsync(ct);
}
