using BlazorMessenger.Data;
using BlazorMessenger.Features.Accounts;
using BlazorMessenger.Features.Accounts.Sessions;
using BlazorMessenger.Features.Contacts;
using BlazorMessenger.Features.Groups;
using BlazorMessenger.Features.Profile;
using BlazorMessenger.Features.Safety;
using BlazorMessenger.Tests.Features.Chat;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorMessenger.Tests.Features.Accounts;

[BothDatabases]
public sealed class AccountDeletionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_deleted_account_leaves_its_messages_with_others_under_deleted_account_and_nothing_personal_and_its_name_is_never_reissued()
    {
        await using var bed = await ChatTestBed.CreateAsync();
        var sent = await bed.SendAsync(bed.Alice, "remember me");
        await bed.Services.Get<ProfileService>().UpdateAsync(bed.Alice, new ProfileUpdate("Alice A.", TestImages.Png()), Ct);
        var group = (await bed.Services.Get<GroupService>().CreateAsync(bed.Alice, "Trip", ["bob", "carol"], Ct)).Value;
        await bed.Services.Get<SafetyService>().BlockAsync(bed.Alice, bed.Carol, Ct);
        await bed.Services.Get<SessionService>().StartAsync(bed.Alice, "stamp", null, null, Ct);

        await bed.Services.Get<AccountDeletion>().DeleteAsync(bed.Alice, Ct);

        var bobsView = (await bed.Chat.GetAfterAsync(bed.Bob, bed.ConversationId, 0, Ct)).Single(m => m.Id == sent.Id);
        Assert.Equal("remember me", bobsView.Body);
        var row = Assert.Single(await bed.Lists.ListAsync(bed.Bob, Ct), c => c.Id == bed.ConversationId);
        Assert.Equal(AccountDeletion.DeletedName, row.Name);
        Assert.Null(row.Peer!.AvatarId);
        Assert.Equal(Relations.DeletedAccount, (await bed.Chat.SendAsync(bed.Bob, bed.ConversationId, Guid.NewGuid(), "hello?", ct: Ct)).Error);

        await using var db = await bed.Services.Get<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync(Ct);
        var user = await db.Users.SingleAsync(u => u.Id == bed.Alice, Ct);
        Assert.True(user is { Email: null, PasswordHash: null, AvatarMediaId: null, DeletedUtc: not null });
        Assert.Equal("alice", user.UserName);
        Assert.False(await db.Contacts.AnyAsync(c => c.OwnerId == bed.Alice || c.ContactUserId == bed.Alice, Ct));
        Assert.False(await db.Blocks.AnyAsync(Ct));
        Assert.False(await db.Sessions.AnyAsync(s => s.UserId == bed.Alice, Ct));
        Assert.False(await db.Media.AnyAsync(m => m.OwnerId == bed.Alice && m.ConversationId == null, Ct));
        var groupMembers = await db.ConversationMembers.Where(m => m.ConversationId == group).ToListAsync(Ct);
        Assert.NotNull(groupMembers.Single(m => m.UserId == bed.Alice).LeftSeq);
        Assert.Single(groupMembers, m => m.LeftSeq == null && m.Role == MemberRole.Owner);

        await using var scope = bed.Services.Provider.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        Assert.False((await users.CreateAsync(new ApplicationUser { UserName = "alice" }, BrowserPeople.Password)).Succeeded);
        Assert.Empty(await bed.Services.Get<ContactService>().ListAsync(bed.Bob, Ct));
    }
}
