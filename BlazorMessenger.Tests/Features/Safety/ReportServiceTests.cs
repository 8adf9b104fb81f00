using BlazorMessenger.Data;
using BlazorMessenger.Features.Safety;
using BlazorMessenger.Features.Shared;
using BlazorMessenger.Tests.Features.Chat;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Tests.Features.Safety;

[BothDatabases]
public sealed class ReportServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_message_or_a_person_is_reported_with_a_reason_and_a_note()
    {
        await using var bed = await ChatTestBed.CreateAsync();
        var reports = bed.Services.Get<ReportService>();
        var message = await bed.SendAsync(bed.Alice, "rude words");

        var aboutMessage = await reports.ReportMessageAsync(bed.Bob, message.Id, ReportReason.Harassment, "  not ok ", Ct);
        var aboutPerson = await reports.ReportPersonAsync(bed.Bob, bed.Alice, ReportReason.Spam, null, Ct);

        Assert.True(aboutMessage.Succeeded && aboutPerson.Succeeded);
        await using var db = await bed.Services.Get<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync(Ct);
        var stored = await db.Reports.OrderBy(r => r.Id).ToListAsync(Ct);
        Assert.Equal([(bed.Alice, (long?)message.Id, ReportReason.Harassment, "not ok"), (bed.Alice, null, ReportReason.Spam, null)],
            stored.Select(r => (r.SubjectId, r.MessageId, r.Reason, r.Note)).ToList());
    }

    [Fact]
    public async Task What_the_reporter_cannot_see_or_wrote_themselves_cannot_be_reported()
    {
        await using var bed = await ChatTestBed.CreateAsync();
        var reports = bed.Services.Get<ReportService>();
        var message = await bed.SendAsync(bed.Alice, "hello bob");

        await Assert.ThrowsAsync<NotAMemberException>(() => reports.ReportMessageAsync(bed.Carol, message.Id, ReportReason.Spam, null, Ct));
        Assert.False((await reports.ReportMessageAsync(bed.Alice, message.Id, ReportReason.Spam, null, Ct)).Succeeded);
        Assert.False((await reports.ReportPersonAsync(bed.Carol, bed.Alice, ReportReason.Spam, null, Ct)).Succeeded);
        Assert.Equal(ReportService.NoteTooLong, (await reports.ReportPersonAsync(bed.Bob, bed.Alice, ReportReason.Other, new string('x', 501), Ct)).Error);
        Assert.False((await reports.ReportPersonAsync(bed.Bob, bed.Alice, (ReportReason)42, null, Ct)).Succeeded);
    }

    [Fact]
    public async Task Reports_are_rate_limited_per_person()
    {
        await using var bed = await ChatTestBed.CreateAsync(new Dictionary<string, string?> { ["Messenger:RateLimits:ReportBurst"] = "2" });
        var reports = bed.Services.Get<ReportService>();

        var results = new List<string?>();
        for (var i = 0; i < 3; i++)
        {
            results.Add((await reports.ReportPersonAsync(bed.Bob, bed.Alice, ReportReason.Spam, null, Ct)).Error);
        }

        Assert.Equal([null, null, ReportService.SlowDown], results);
    }
}
