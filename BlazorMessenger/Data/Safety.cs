namespace BlazorMessenger.Data;

/// <summary>Blocker blocked Blocked: no messages or group invitations from them, and no presence, picture or name changes to them.</summary>
public sealed class Block
{
    public required string BlockerId { get; init; }

    public required string BlockedId { get; init; }

    public DateTime CreatedUtc { get; init; }
}

public enum ReportReason
{
    Spam = 0,
    Harassment = 1,
    Inappropriate = 2,
    Impersonation = 3,
    Other = 4,
}

/// <summary>A person, or one of their messages, reported to the admins.</summary>
public sealed class Report
{
    public const int NoteMaxLength = 500;

    public long Id { get; init; }

    public required string ReporterId { get; init; }

    public required string SubjectId { get; init; }

    /// <summary>The reported message, when a message was reported (its conversation and Seq locate its context).</summary>
    public long? MessageId { get; init; }

    public ReportReason Reason { get; init; }

    public string? Note { get; init; }

    public DateTime CreatedUtc { get; init; }

    public DateTime? ResolvedUtc { get; set; }

    public string? ResolvedById { get; set; }

    /// <summary>What the admin did: "dismissed", "message deleted", "person disabled".</summary>
    public string? Resolution { get; set; }
}

/// <summary>One thing an admin did, for the audit log.</summary>
public sealed class AdminAction
{
    public long Id { get; init; }

    public required string AdminId { get; init; }

    public required string Action { get; init; }

    public string? SubjectId { get; init; }

    public string? Detail { get; init; }

    public DateTime CreatedUtc { get; init; }
}
