using BlazorMessenger.Data;
using BlazorMessenger.Features.Admin;
using BlazorMessenger.Features.Bots;
using BlazorMessenger.Features.Contacts;
using BlazorMessenger.Features.Groups;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Tests.Features.Bots;

[BothDatabases]
public sealed class BotServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("Echo", "echo", "A bot's username ends in \"bot\".")]
    [InlineData("Echo", "e", "A bot's username ends in \"bot\".")]
    [InlineData("", "echo_bot", BotService.NameNeeded)]
    [InlineData("Echo", "alice_bot", "The username 'alice_bot' is taken.")]
    public async Task A_bot_that_cannot_be_made_gets_a_clear_message_and_nothing_is_stored(string name, string userName, string expected)
    {
        await using var services = await TestServices.CreateAsync();
        var alice = await services.CreateUserAsync("alice");
        await services.CreateUserAsync("alice_bot");

        var made = await services.Get<BotService>().CreateAsync(alice, name, userName, Ct);

        Assert.EndsWith(expected, made.Error);
        Assert.Empty(await services.Get<BotService>().ListMineAsync(alice, Ct));
    }

    [Fact]
    public async Task A_new_bot_has_a_token_in_telegrams_shape_stored_only_as_a_hash_and_a_new_token_replaces_it()
    {
        await using var services = await TestServices.CreateAsync();
        var alice = await services.CreateUserAsync("alice");
        var bots = services.Get<BotService>();

        var made = (await bots.CreateAsync(alice, " Echo ", "Echo_Bot", Ct)).Value!;

        Assert.Matches(@"^\d{1,16}:[A-Za-z0-9_-]{35,}$", made.Token);
        Assert.Equal(("echo_bot", "Echo", true, "alice"), (made.Bot.UserName, made.Bot.Name, made.Bot.PrivacyMode, made.Bot.OwnerName));
        await using (var db = await services.Get<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync(Ct))
        {
            var row = await db.Bots.SingleAsync(b => b.UserId == made.Bot.UserId, Ct);
            Assert.True(BotTokens.Matches(row.TokenHash, made.Token.Split(':')[1]));
            var user = await db.Users.SingleAsync(u => u.Id == made.Bot.UserId, Ct);
            Assert.True(user.IsBot);
            Assert.Null(user.PasswordHash);
            Assert.Equal(long.Parse(made.Token.Split(':')[0]), await db.OfAsync(user.Id, Ct));
        }

        var renewed = (await bots.RegenerateTokenAsync(alice, made.Bot.UserId, Ct)).Value!;
        Assert.NotEqual(made.Token, renewed.Token);
        Assert.Equal(made.Token.Split(':')[0], renewed.Token.Split(':')[0]);
    }

    [Fact]
    public async Task Only_the_owner_or_an_admin_changes_a_bot_and_deleting_it_keeps_what_it_wrote()
    {
        await using var services = await TestServices.CreateAsync();
        var admin = await services.CreateUserAsync("root");
        await services.Get<AdminService>().PromoteIfFirstAsync(admin, Ct);
        var alice = await services.CreateUserAsync("alice");
        var mallory = await services.CreateUserAsync("mallory");
        var bots = services.Get<BotService>();
        var bot = (await bots.CreateAsync(alice, "Echo", "echo_bot", Ct)).Value!.Bot;

        Assert.Equal(BotService.NotYours, (await bots.SetPrivacyModeAsync(mallory, bot.UserId, false, Ct)).Error);
        Assert.Equal(BotService.NotYours, (await bots.RegenerateTokenAsync(mallory, bot.UserId, Ct)).Error);
        Assert.Equal(BotService.NotYours, (await bots.DeleteAsync(mallory, bot.UserId, Ct)).Error);
        Assert.False((await bots.SetPrivacyModeAsync(alice, bot.UserId, false, Ct)).Value!.PrivacyMode);
        Assert.Equal("Echo 2", (await bots.UpdateAsync(alice, bot.UserId, new BlazorMessenger.Features.Profile.ProfileUpdate("Echo 2"), Ct)).Value!.Name);
        Assert.Single(await bots.ListAllAsync(admin, Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => bots.ListAllAsync(alice, Ct));

        var chat = (await services.Get<ContactService>().AddAsync(alice, "echo_bot", Ct)).Value!.ConversationId;
        Assert.True((await bots.DeleteAsync(admin, bot.UserId, Ct)).Succeeded);

        Assert.Empty(await bots.ListMineAsync(alice, Ct));
        await using var db = await services.Get<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync(Ct);
        Assert.False(await db.Bots.AnyAsync(Ct));
        Assert.NotNull((await db.Users.SingleAsync(u => u.Id == bot.UserId, Ct)).DeletedUtc);
        Assert.True(await db.Conversations.AnyAsync(c => c.Id == chat, Ct));
        Assert.Contains(await db.AdminActions.ToListAsync(Ct), a => a.Action == "deleted bot" && a.SubjectId == bot.UserId);
    }

    [Fact]
    public async Task A_bot_is_nobodys_stranger_and_never_counts_toward_a_groups_size()
    {
        await using var services = await TestServices.CreateAsync(settings: new Dictionary<string, string?> { ["Messenger:Groups:MaxMembers"] = "2" });
        var alice = await services.CreateUserAsync("alice");
        await services.CreateUserAsync("bob");
        var bots = services.Get<BotService>();
        await bots.CreateAsync(alice, "Echo", "echo_bot", Ct);
        await bots.CreateAsync(alice, "Two", "two_bot", Ct);

        var chat = (await services.Get<ContactService>().AddAsync(alice, "echo_bot", Ct)).Value!.ConversationId;
        var group = await services.Get<GroupService>().CreateAsync(alice, "Team", ["bob", "echo_bot"], Ct);
        Assert.True(group.Succeeded, group.Error);
        Assert.True((await services.Get<GroupService>().AddMembersAsync(alice, group.Value, ["two_bot"], Ct)).Succeeded);

        await using var db = await services.Get<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync(Ct);
        Assert.False(await db.ConversationMembers.AnyAsync(m => m.User!.IsBot && m.RequestedUtc != null, Ct));
        Assert.Equal(2, await db.ConversationMembers.CountAsync(m => m.ConversationId == chat, Ct));
    }

    [Fact]
    public async Task Deleting_an_account_deletes_its_bots()
    {
        await using var services = await TestServices.CreateAsync();
        var alice = await services.CreateUserAsync("alice");
        var bot = (await services.Get<BotService>().CreateAsync(alice, "Echo", "echo_bot", Ct)).Value!.Bot;

        await services.Get<BlazorMessenger.Features.Accounts.AccountDeletion>().DeleteAsync(alice, Ct);

        await using var db = await services.Get<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync(Ct);
        Assert.False(await db.Bots.AnyAsync(Ct));
        Assert.NotNull((await db.Users.SingleAsync(u => u.Id == bot.UserId, Ct)).DeletedUtc);
    }
}
