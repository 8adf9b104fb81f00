using BlazorMessenger.Hosting.Operations;

namespace BlazorMessenger.Hosting;

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

    public RateLimitOptions RateLimits { get; set; } = new();

    public MediaOptions Media { get; set; } = new();

    public ConnectionOptions Connection { get; set; } = new();

    public GroupOptions Groups { get; set; } = new();

    public MessageOptions Messages { get; set; } = new();

    public AccountOptions Accounts { get; set; } = new();

    /// <summary>Usernames that are admins besides those in the Admin role (the first account of a fresh install is).</summary>
    public string[] Admins { get; set; } = [];

    public ProxyOptions Proxy { get; set; } = new();

    public SecurityOptions Security { get; set; } = new();

    public DatabaseOptions Database { get; set; } = new();

    public WriterOptions Writer { get; set; } = new();

    /// <summary>
    /// On shutdown, how long open pages get to receive the "Server restarting" notice before connections close (within
    /// the host's own shutdown timeout).
    /// </summary>
    public double ShutdownNoticeSeconds { get; set; } = 0.5;

    /// <summary>Below this much free space on the data directory's disk the app reports itself not ready.</summary>
    public long MinFreeDiskMb { get; set; } = 512;

    public HealthOptions Health { get; set; } = new();

    public MetricsOptions Metrics { get; set; } = new();

    public CircuitLimitOptions Circuits { get; set; } = new();

    public string ResolveDataDirectory(string contentRoot) =>
        Path.GetFullPath(Path.Combine(contentRoot, DataDirectory));

    public StorageLocation ResolveStorage(string contentRoot) => new(
        ResolveDataDirectory(contentRoot),
        string.IsNullOrWhiteSpace(MediaDirectory) ? null : Path.GetFullPath(Path.Combine(contentRoot, MediaDirectory)));
}

/// <summary>Per-user token buckets: Burst actions at once, refilled at PerMinute.</summary>
public sealed class RateLimitOptions
{
    public int MessageBurst { get; set; } = 20;

    public int MessagesPerMinute { get; set; } = 120;

    public int ContactAddBurst { get; set; } = 10;

    public int ContactAddsPerMinute { get; set; } = 10;

    public int UploadBurst { get; set; } = 10;

    public int UploadsPerMinute { get; set; } = 30;

    public int GroupCreateBurst { get; set; } = 5;

    public int GroupCreatesPerMinute { get; set; } = 2;

    /// <summary>Typing reports: a composer sends one every 3 seconds at most, so this leaves room for a few conversations.</summary>
    public int TypingBurst { get; set; } = 5;

    public int TypingReportsPerMinute { get; set; } = 40;

    /// <summary>Reports of people and messages to the admins.</summary>
    public int ReportBurst { get; set; } = 5;

    public int ReportsPerHour { get; set; } = 20;

    /// <summary>Reactions given or taken back.</summary>
    public int ReactionBurst { get; set; } = 30;

    public int ReactionsPerMinute { get; set; } = 120;
}

/// <summary>Passwords, sign-in limits and sessions.</summary>
public sealed class AccountOptions
{
    public int PasswordMinLength { get; set; } = 10;

    public int PasswordMaxLength { get; set; } = 128;

    /// <summary>Failed logins to one account from one address before that address must wait (others are unaffected).</summary>
    public int FailuresPerAddress { get; set; } = 5;

    public double AddressWaitMinutes { get; set; } = 15;

    /// <summary>Failed logins from all addresses together before the account itself is locked (NIST: at most 100).</summary>
    public int FailuresBeforeLockout { get; set; } = 100;

    public double LockoutMinutes { get; set; } = 15;

    /// <summary>How often an open tab checks that its session still stands (it also hears at once when it ends here).</summary>
    public double SessionCheckSeconds { get; set; } = 30;

    /// <summary>A session not used for this long has ended (the sign-in cookie lasts 14 days).</summary>
    public double SessionIdleDays { get; set; } = 14;

    /// <summary>Requests to the login, two-factor and password pages per client address: a token bucket.</summary>
    public int AttemptBurst { get; set; } = 10;

    public int AttemptsPerMinute { get; set; } = 10;

    /// <summary>New accounts per client address.</summary>
    public int RegistrationBurst { get; set; } = 3;

    public int RegistrationsPerHour { get; set; } = 10;
}

/// <summary>Who may use the sign-in cookie from a script (see <see cref="SameOriginGate"/>).</summary>
public sealed class SecurityOptions
{
    /// <summary>
    /// Origins ("https://chat.example.com") besides the app's own that may open its circuits and call its script
    /// endpoints with the sign-in cookie. Empty: only the app's own.
    /// </summary>
    public string[] AllowedOrigins { get; set; } = [];
}

/// <summary>Where the app sits behind a reverse proxy that terminates TLS.</summary>
public sealed class ProxyOptions
{
    /// <summary>Addresses of proxies whose X-Forwarded-For/-Proto/-Host headers are believed (loopback always is).</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks of such proxies, in CIDR notation ("10.0.0.0/8").</summary>
    public string[] KnownNetworks { get; set; } = [];
}

/// <summary>Replies, reactions, forwarding and pins.</summary>
public sealed class MessageOptions
{
    /// <summary>Pinned messages per conversation.</summary>
    public int MaxPins { get; set; } = 5;

    /// <summary>Different emoji on one message.</summary>
    public int MaxReactionEmoji { get; set; } = 20;

    /// <summary>Conversations one message is forwarded to at once.</summary>
    public int MaxForwardTargets { get; set; } = 10;

    /// <summary>
    /// Messages an open chat keeps rendered (each costs the server memory while the chat is open); scrolling past them
    /// loads more and lets go of as many at the other end. At least two pages (100).
    /// </summary>
    public int RenderWindow { get; set; } = 100;
}

public sealed class GroupOptions
{
    /// <summary>Current members of one group, the creator and the owner included.</summary>
    public int MaxMembers { get; set; } = 256;
}

public sealed class MediaOptions
{
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Largest document or voice note.</summary>
    public long MaxFileBytes { get; set; } = 25 * 1024 * 1024;

    /// <summary>What one person's uploads (images, documents, voice notes) may take together.</summary>
    public long UserQuotaBytes { get; set; } = 1024L * 1024 * 1024;

    /// <summary>Longest voice note.</summary>
    public int MaxVoiceSeconds { get; set; } = 300;

    public long MaxPixels { get; set; } = 40_000_000;

    /// <summary>The long side of a thumbnail, in pixels.</summary>
    public int ThumbnailSize { get; set; } = 320;

    /// <summary>An animated GIF's frames together (width × height × frames): the browsers that show it decode them all.</summary>
    public long MaxAnimationPixels { get; set; } = 200_000_000;

    /// <summary>Larger images are stored scaled down to this long side (JPEG and WebP are decoded at the smaller size).</summary>
    public int MaxSide { get; set; } = 4096;

    /// <summary>Memory all images being decoded at one moment may take together (one image of MaxPixels needs about 280 MB).</summary>
    public double DecodeBudgetMb { get; set; } = 320;

    /// <summary>How long an upload waits for room in that budget before it is refused.</summary>
    public double DecodeWaitSeconds { get; set; } = 10;
}

/// <summary>Circuits: one per open tab, each holding that page's state in the server's memory while it is open.</summary>
public sealed class CircuitLimitOptions
{
    /// <summary>Tabs one person may have open at once; the next one shows a message instead of the app.</summary>
    public int MaxPerUser { get; set; } = 20;

    /// <summary>
    /// Circuits whose connection dropped without the page closing (a lost network, a sleeping laptop), kept for its
    /// reconnect; all people together, the oldest going first beyond this.
    /// </summary>
    public int MaxRetainedDisconnected { get; set; } = 100;

    /// <summary>How long such a circuit is kept; a page that comes back later reloads (its outbox and drafts are in the browser).</summary>
    public double RetentionSeconds { get; set; } = 60;
}

/// <summary>How quickly a page notices that its connection stalled: the server pings, the page waits this long for any message.</summary>
public sealed class ConnectionOptions
{
    public double KeepAliveSeconds { get; set; } = 1;

    public double ServerTimeoutSeconds { get; set; } = 2.5;
}

public enum DatabaseProvider
{
    /// <summary>One file in the data directory: one machine, nothing to install.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server (ConnectionStrings:Messenger), which several instances share.</summary>
    Postgres,
}

public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>PostgreSQL's connection string, from ConnectionStrings:Messenger (not a Messenger:Database key).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>How long a statement waits for another connection's write lock before it fails with "database is locked".</summary>
    public int BusyTimeoutMs { get; set; } = 5000;
}

/// <summary>The group-commit message writer: how many sends may wait for it, and how long one waits before "busy".</summary>
public sealed class WriterOptions
{
    public int MaxQueue { get; set; } = 10_000;

    public double SendTimeoutSeconds { get; set; } = 10;
}
