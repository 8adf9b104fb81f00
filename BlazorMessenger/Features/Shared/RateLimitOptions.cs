namespace BlazorMessenger.Features.Shared;

/// <summary>Per-user token buckets: Burst actions at once, refilled at PerMinute.</summary>
public sealed class RateLimitOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Messenger:RateLimits";

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
