using System.Globalization;

namespace BlazorMessenger.Components.Layout;

/// <summary>
/// The browser's time zone, sent by site.js as a cookie, so server-rendered times are the reader's local times.
/// Unknown or missing zones fall back to UTC.
/// </summary>
public static class ClientTime
{
    public const string CookieName = "bm-tz";

    public static TimeZoneInfo Resolve(string? zoneId)
    {
        if (!string.IsNullOrWhiteSpace(zoneId) && TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zone))
        {
            return zone;
        }

        return TimeZoneInfo.Utc;
    }

    public static string Clock(DateTime utc, TimeZoneInfo zone) =>
        Local(utc, zone).ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Today's times as a clock, this week's as a weekday, older ones as a date.</summary>
    public static string Short(DateTime utc, TimeZoneInfo zone, DateTime nowUtc)
    {
        var local = Local(utc, zone);
        var today = Local(nowUtc, zone).Date;
        if (local.Date == today)
        {
            return local.ToString("HH:mm", CultureInfo.InvariantCulture);
        }

        return local.Date > today.AddDays(-7)
            ? local.ToString("ddd", CultureInfo.InvariantCulture)
            : local.ToString("d MMM", CultureInfo.InvariantCulture);
    }

    public static string LastSeen(DateTime? utc, TimeZoneInfo zone, DateTime nowUtc)
    {
        if (utc is not { } seen)
        {
            return "offline";
        }

        if (nowUtc - seen < TimeSpan.FromMinutes(1))
        {
            return "last seen just now";
        }

        var local = Local(seen, zone);
        var today = Local(nowUtc, zone).Date;
        var clock = local.ToString("HH:mm", CultureInfo.InvariantCulture);
        if (local.Date == today)
        {
            return $"last seen today at {clock}";
        }

        return local.Date == today.AddDays(-1)
            ? $"last seen yesterday at {clock}"
            : $"last seen {local.ToString("d MMM yyyy", CultureInfo.InvariantCulture)} at {clock}";
    }

    private static DateTime Local(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
}
