namespace BlazorMessenger.Hosting;

/// <summary>
/// The keys of the Messenger section itself, which several parts of the app share. Each feature's own section is its own
/// options class, injected where it is used: AccountOptions (Messenger:Accounts), MediaOptions, MessageOptions, and so on.
/// </summary>
public sealed class MessengerOptions
{
    public const string SectionName = "Messenger";

    /// <summary>Where the database (and later media) live; relative paths are under the content root.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>
    /// Where images, files and voice notes live when not in the data directory's media/: a directory every instance
    /// shares when several run. Relative paths are under the content root.
    /// </summary>
    public string? MediaDirectory { get; set; }

    public bool SeedDemoUsers { get; set; }

    /// <summary>Off by default: a fresh install has no mail server to confirm addresses with.</summary>
    public bool RequireConfirmedAccount { get; set; }

    /// <summary>How long a user stays "online" after their last tab disconnects, so a reconnect is not a flicker.</summary>
    public double PresenceGraceSeconds { get; set; } = 5;

    /// <summary>
    /// A StackExchange.Redis connection string ("redis:6379,password=..."): several instances then share realtime events,
    /// presence, rate limits and the Data Protection keys through it. Empty: this process is the whole app.
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>Put before every Redis key and channel, so several apps (or tests) can share one Redis.</summary>
    public string RedisPrefix { get; set; } = "bm:";

    /// <summary>With Redis: how often an instance tells the others it is alive.</summary>
    public double PresenceHeartbeatSeconds { get; set; } = 5;

    /// <summary>With Redis: an instance silent for this long is taken for dead, and its people go offline unless online elsewhere.</summary>
    public double PresenceExpirySeconds { get; set; } = 15;

    /// <summary>Usernames that are admins besides those in the Admin role (the first account of a fresh install is).</summary>
    public string[] Admins { get; set; } = [];

    /// <summary>
    /// On shutdown, how long open pages get to receive the "Server restarting" notice before connections close (within
    /// the host's own shutdown timeout).
    /// </summary>
    public double ShutdownNoticeSeconds { get; set; } = 0.5;

    /// <summary>Below this much free space on the data directory's disk the app reports itself not ready.</summary>
    public long MinFreeDiskMb { get; set; } = 512;

    public string ResolveDataDirectory(string contentRoot) =>
        Path.GetFullPath(Path.Combine(contentRoot, DataDirectory));

    public StorageLocation ResolveStorage(string contentRoot) => new(
        ResolveDataDirectory(contentRoot),
        string.IsNullOrWhiteSpace(MediaDirectory) ? null : Path.GetFullPath(Path.Combine(contentRoot, MediaDirectory)));
}
