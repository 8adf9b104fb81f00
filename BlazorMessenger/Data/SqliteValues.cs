using System.Globalization;

namespace BlazorMessenger.Data;

/// <summary>
/// Values as EF Core's SQLite provider stores them, for the few places that write with plain SQL (the group-commit
/// writer, the benchmark's bulk loader): EF Core reads such rows back unchanged.
/// </summary>
public static class SqliteValues
{
    public static string Text(Guid value) => value.ToString().ToUpperInvariant();

    public static string Text(DateTime value) => value.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
}
