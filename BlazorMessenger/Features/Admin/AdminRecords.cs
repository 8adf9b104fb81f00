using BlazorMessenger.Data;

namespace BlazorMessenger.Features.Admin;

public enum AccountState
{
    Active,
    Locked,
    Disabled,
    Deleted,
}

public sealed record AdminUser(string Id, string UserName, string? DisplayName, string? Email, AccountState State, bool IsAdmin, int Sessions);

/// <summary>A line of a reported message's context: what an admin may read, and nothing more.</summary>
public sealed record ContextLine(long Seq, string Sender, string Text, DateTime CreatedUtc, bool IsReported);

public sealed record OpenReport(
    long Id, string Reporter, string SubjectId, string Subject, ReportReason Reason, string? Note, DateTime CreatedUtc,
    long? MessageId, IReadOnlyList<ContextLine> Context);

public enum ReportAction
{
    Dismiss,
    DeleteMessage,
    DisablePerson,
}

public sealed record DayCount(DateOnly Day, int Messages);

public sealed record AdminStats(int People, int ActivePeople, long Messages, IReadOnlyList<DayCount> MessagesPerDay, long MediaBytes, long DatabaseBytes);

public sealed record AuditEntry(DateTime CreatedUtc, string Admin, string Action, string? Subject, string? Detail);
