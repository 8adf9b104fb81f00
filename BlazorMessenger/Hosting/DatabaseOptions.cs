namespace BlazorMessenger.Hosting;

public enum DatabaseProvider
{
    /// <summary>One file in the data directory: one machine, nothing to install.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server (ConnectionStrings:Messenger), which several instances share.</summary>
    Postgres,
}

public sealed class DatabaseOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Messenger:Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>PostgreSQL's connection string, from ConnectionStrings:Messenger (not a Messenger:Database key).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>How long a statement waits for another connection's write lock before it fails with "database is locked".</summary>
    public int BusyTimeoutMs { get; set; } = 5000;
}
