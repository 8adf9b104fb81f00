using BlazorMessenger.Data;
using BlazorMessenger.Features.Accounts.Sessions;
using BlazorMessenger.Features.Admin;
using BlazorMessenger.Features.Safety;
using BlazorMessenger.Tests.Features.Chat;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorMessenger.Tests.Features.Admin;

[BothDatabases]
public sealed class AdminServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Only_admins_get_anything_and_a_configured_username_is_one()
    {
        await using var bed = await ChatTestBed.CreateAsync(new Dictionary<string, string?> { ["Messenger:Admins:0"] = "carol" });
        var admin = bed.Services.Get<AdminService>();

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => admin.SearchUsersAsync(bed.Bob, null, Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => admin.OpenReportsAsync(bed.Bob, Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => admin.SetDisabledAsync(bed.Bob, bed.Alice, true, Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => admin.StatsAsync(bed.Bob, ct: Ct));
        Assert.True(await admin.IsAdminAsync(bed.Carol, Ct));
        Assert.Equal(["alice", "bob", "carol"], (await admin.SearchUsersAsync(bed.Carol, null, Ct)).Select(u => u.UserName).ToArray());
    }

    [Fact]
    public async Task Disabling_ends_sessions_and_sign_in_and_is_audited_and_reversible()
    {
        await using var bed = await ChatTestBed.CreateAsync(new Dictionary<string, string?> { ["Messenger:Admins:0"] = "carol" });
        var admin = bed.Services.Get<AdminService>();
        var session = await bed.Services.Get<SessionService>().StartAsync(bed.Alice, await StampAsync(bed, "alice"), null, null, Ct);

        Assert.True((await admin.SetDisabledAsync(bed.Carol, bed.Alice, true, Ct)).Succeeded);

        Assert.False(await bed.Services.Get<SessionService>().IsActiveAsync(session, bed.Alice, Ct));
        Assert.Equal(AccountState.Disabled, (await admin.SearchUsersAsync(bed.Carol, "alice", Ct)).Single().State);
        await using (var scope = bed.Services.Provider.CreateAsyncScope())
        {
            var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<ApplicationUser>>();
            Assert.False(await signIn.CanSignInAsync((await signIn.UserManager.FindByNameAsync("alice"))!));
        }

        Assert.False((await admin.SetDisabledAsync(bed.Carol, bed.Carol, true, Ct)).Succeeded);
        Assert.True((await admin.SetDisabledAsync(bed.Carol, bed.Alice, false, Ct)).Succeeded);
        Assert.Equal(["enabled account", "disabled account"], (await admin.AuditLogAsync(bed.Carol, Ct)).Select(a => a.Action).ToArray());
    }

    [Fact]
    public async Task A_report_shows_the_message_with_three_on_each_side_and_nothing_further()
    {
        await using var bed = await ChatTestBed.CreateAsync(new Dictionary<string, string?> { ["Messenger:Admins:0"] = "carol" });
        for (var i = 1; i <= 9; i++)
        {
            await bed.SendAsync(i % 2 == 0 ? bed.Bob : bed.Alice, $"message {i}");
        }

        var reported = (await bed.Chat.GetAfterAsync(bed.Bob, bed.ConversationId, 0, Ct)).Single(m => m.Body == "message 5");
        await bed.Services.Get<ReportService>().ReportMessageAsync(bed.Bob, reported.Id, ReportReason.Spam, null, Ct);

        var report = Assert.Single(await bed.Services.Get<AdminService>().OpenReportsAsync(bed.Carol, Ct));

        Assert.Equal(["message 2", "message 3", "message 4", "message 5", "message 6", "message 7", "message 8"],
            report.Context.Select(c => c.Text).ToArray());
        Assert.Equal("message 5", report.Context.Single(c => c.IsReported).Text);
    }

    [Fact]
    public async Task The_first_account_of_a_fresh_install_is_an_admin_and_the_second_is_not()
    {
        await using var services = await TestServices.CreateAsync();
        var admin = services.Get<AdminService>();
        var first = await services.CreateUserAsync("first");
        await admin.PromoteIfFirstAsync(first, Ct);
        var second = await services.CreateUserAsync("second");
        await admin.PromoteIfFirstAsync(second, Ct);

        Assert.True(await admin.IsAdminAsync(first, Ct));
        Assert.False(await admin.IsAdminAsync(second, Ct));
    }

    private static async Task<string> StampAsync(ChatTestBed bed, string userName)
    {
        await using var scope = bed.Services.Provider.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return (await users.FindByNameAsync(userName))!.SecurityStamp!;
    }
}
