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

    /// <summary>Today's times as a clock, this week's as a weekday, older ones as a date (with the year if not this one).</summary>
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
            : local.ToString(local.Year == today.Year ? "d MMM" : "d MMM yyyy", CultureInfo.InvariantCulture);
    }

    /// <summary>The log's day separators: "Today", "Yesterday", a weekday within the last week, then the date.</summary>
    public static string Day(DateTime utc, TimeZoneInfo zone, DateTime nowUtc)
    {
        var day = Local(utc, zone).Date;
        var today = Local(nowUtc, zone).Date;
        return (today - day).Days switch
        {
            0 => "Today",
            1 => "Yesterday",
            > 1 and < 7 => day.ToString("dddd", CultureInfo.InvariantCulture),
            _ => day.ToString(day.Year == today.Year ? "d MMMM" : "d MMMM yyyy", CultureInfo.InvariantCulture),
        };
    }

    /// <summary>"Today 13:32", "Yesterday 09:10", "Monday 18:00", "3 March 12:00": a search hit's moment.</summary>
    public static string DayAndTime(DateTime utc, TimeZoneInfo zone, DateTime nowUtc) =>
        $"{Day(utc, zone, nowUtc)} {Local(utc, zone).ToString("HH:mm", CultureInfo.InvariantCulture)}";

    /// <summary>The whole date and time, shown when a person hovers over or focuses a time.</summary>
    public static string Full(DateTime utc, TimeZoneInfo zone) =>
        Local(utc, zone).ToString("dddd, d MMMM yyyy 'at' HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The reader's calendar day of a moment: messages are grouped under one separator per day.</summary>
    public static DateOnly LocalDay(DateTime utc, TimeZoneInfo zone) => DateOnly.FromDateTime(Local(utc, zone));

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
