using BlazorMessenger.Data;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Features.Admin;

public sealed partial class AdminService
{
    /// <summary>How many messages either side of a reported one an admin sees.</summary>
    public const int ContextSize = 3;

    /// <summary>Open reports, oldest first, each with the reported message and its neighbours (nothing else of the conversation).</summary>
    public async Task<IReadOnlyList<OpenReport>> OpenReportsAsync(string adminId, CancellationToken ct = default)
    {
        await using var db = await AdminDbAsync(adminId, ct);
        var reports = await db.Reports.AsNoTracking().Where(r => r.ResolvedUtc == null).OrderBy(r => r.Id).Take(100)
            .Select(r => new
            {
                r.Id, r.SubjectId, r.ReporterId, r.Reason, r.Note, r.CreatedUtc, r.MessageId,
                Reporter = db.Users.Where(u => u.Id == r.ReporterId).Select(u => u.UserName).First(),
                Subject = db.Users.Where(u => u.Id == r.SubjectId).Select(u => u.UserName).First(),
                Message = db.Messages.Where(m => m.Id == r.MessageId).Select(m => new { m.ConversationId, m.Seq }).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var open = new List<OpenReport>(reports.Count);
        foreach (var r in reports)
        {
            IReadOnlyList<ContextLine> context = r.Message is null ? []
                : await ContextAsync(db, r.Message.ConversationId, r.Message.Seq, await ReporterSawAsync(db, r.ReporterId, r.Message.ConversationId, ct), ct);
            open.Add(new OpenReport(r.Id, r.Reporter!, r.SubjectId, r.Subject!, r.Reason, r.Note, r.CreatedUtc, r.MessageId, context));
        }

        return open;
    }

    public async Task<ServiceResult<bool>> ResolveReportAsync(string adminId, long reportId, ReportAction action, CancellationToken ct = default)
    {
        await using var db = await AdminDbAsync(adminId, ct);
        var report = await db.Reports.SingleOrDefaultAsync(r => r.Id == reportId && r.ResolvedUtc == null, ct);
        if (report is null)
        {
            return ServiceResult<bool>.Fail("That report was already handled.");
        }

        switch (action)
        {
            case ReportAction.DeleteMessage when report.MessageId is { } messageId:
                await changes.RemoveForModerationAsync(messageId, ct);
                break;
            case ReportAction.DeleteMessage:
                return ServiceResult<bool>.Fail("This report is about a person, not a message.");
            case ReportAction.DisablePerson:
                var disabled = await SetDisabledAsync(adminId, report.SubjectId, true, ct);
                if (!disabled.Succeeded && report.SubjectId == adminId)
                {
                    return disabled;
                }

                break;
        }

        (report.ResolvedUtc, report.ResolvedById, report.Resolution) = (time.GetUtcNow().UtcDateTime, adminId, Describe(action));
        await db.SaveChangesAsync(ct);
        await AuditAsync(db, adminId, $"report {reportId}: {Describe(action)}", report.SubjectId, null, ct);
        return ServiceResult<bool>.Ok(true);
    }

    private static string Describe(ReportAction action) => action switch
    {
        ReportAction.DeleteMessage => "message deleted",
        ReportAction.DisablePerson => "person disabled",
        _ => "dismissed",
    };

    /// <summary>The context stays within what the reporter had: from where they joined to where they left, if they did.</summary>
    private static async Task<(long From, long UpTo)> ReporterSawAsync(ApplicationDbContext db, string reporterId, long conversationId, CancellationToken ct)
    {
        var row = await db.MembershipOf(reporterId, conversationId).Select(m => new { m.JoinedSeq, m.LeftSeq }).FirstOrDefaultAsync(ct);
        return (row?.JoinedSeq ?? 0, row?.LeftSeq ?? long.MaxValue);
    }

    private static async Task<IReadOnlyList<ContextLine>> ContextAsync(
        ApplicationDbContext db, long conversationId, long seq, (long From, long UpTo) seen, CancellationToken ct)
    {
        var (from, upTo) = seen;
        var rows = await db.Messages.AsNoTracking()
            .Where(m => m.ConversationId == conversationId && m.Seq >= seq - ContextSize && m.Seq <= seq + ContextSize
                        && m.Seq <= upTo && (m.Seq >= from || m.Seq == seq))
            .OrderBy(m => m.Seq)
            .Select(m => new
            {
                m.Seq, m.Kind, m.Body, m.CreatedUtc, Deleted = m.DeletedUtc != null,
                Sender = db.Users.Where(u => u.Id == m.SenderId).Select(u => u.UserName).First(),
            })
            .ToListAsync(ct);
        return [.. rows.Select(m => new ContextLine(m.Seq, m.Sender!,
            m.Deleted ? MessageRules.DeletedText : MessageRules.Preview(m.Kind, Mentions.Decode(m.Body, _ => null)), m.CreatedUtc, m.Seq == seq))];
    }
}
