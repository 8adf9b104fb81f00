using BlazorMessenger.Data;
using BlazorMessenger.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Features.Safety;

/// <summary>
/// Reports to the admins. A person can report someone they share a conversation with (a request included), or a message
/// they can read that someone else wrote; what they could not see, they cannot report.
/// </summary>
public sealed class ReportService(IDbContextFactory<ApplicationDbContext> dbFactory, UserRateLimiter rateLimiter, TimeProvider time)
{
    public const string SlowDown = "You've sent many reports in a short time. Please try again later.";
    public const string NoteTooLong = "A note can have at most 500 characters.";

    public async Task<ServiceResult<long>> ReportPersonAsync(
        string userId, string subjectId, ReportReason reason, string? note, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.PeopleEverSharingWith(userId).ContainsAsync(subjectId, ct))
        {
            return ServiceResult<long>.Fail("You can report only people you have a conversation with.");
        }

        return await SaveAsync(db, userId, subjectId, null, reason, note, ct);
    }

    public async Task<ServiceResult<long>> ReportMessageAsync(
        string userId, long messageId, ReportReason reason, string? note, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var message = await db.MessageReadableByAsync(userId, messageId, ct);
        if (message.SenderId == userId || message.Kind == MessageKind.System)
        {
            return ServiceResult<long>.Fail("This message can't be reported.");
        }

        return await SaveAsync(db, userId, message.SenderId, messageId, reason, note, ct);
    }

    private async Task<ServiceResult<long>> SaveAsync(
        ApplicationDbContext db, string userId, string subjectId, long? messageId, ReportReason reason, string? note, CancellationToken ct)
    {
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (note?.Length > Report.NoteMaxLength)
        {
            return ServiceResult<long>.Fail(NoteTooLong);
        }

        if (!Enum.IsDefined(reason))
        {
            return ServiceResult<long>.Fail("Choose a reason.");
        }

        if (!rateLimiter.TryAcquire(RateLimitedAction.Report, userId))
        {
            return ServiceResult<long>.Fail(SlowDown);
        }

        var report = new Report
        {
            ReporterId = userId, SubjectId = subjectId, MessageId = messageId, Reason = reason, Note = note,
            CreatedUtc = time.GetUtcNow().UtcDateTime,
        };
        db.Reports.Add(report);
        await db.SaveChangesAsync(ct);
        return ServiceResult<long>.Ok(report.Id);
    }
}
