using System.Security.Cryptography;
using System.Text;
using BlazorMessenger.Data;
using BlazorMessenger.Features.Admin;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Contacts;
using BlazorMessenger.Features.Groups;
using BlazorMessenger.Features.Hooks;
using BlazorMessenger.Features.Safety;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Tests.Features.Hooks;

[BothDatabases]
public sealed class HookServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string KeyOf(HookUrl made) => made.Path["hooks/".Length..];

    private static async Task<HookAnswer> PostAsync(TestServices services, string key, string json) =>
        await services.Get<HookService>().PostAsync(key, HookPayload.Parse(json).Post!, "127.0.0.1", Ct);

    private static async Task<(string Alice, string Bob, string Carol, long GroupId)> GroupAsync(TestServices services)
    {
        var (alice, bob) = await services.ContactsAsync();
        var carol = await services.CreateUserAsync("carol");
        var groupId = (await services.Get<GroupService>().CreateAsync(alice, "Ops", ["bob"], Ct)).Value;
        return (alice, bob, carol, groupId);
    }

    [Fact]
    public async Task A_groups_owners_and_admins_and_either_person_of_a_direct_chat_manage_webhooks_nobody_else()
    {
        await using var services = await TestServices.CreateAsync();
        var (alice, bob, carol, groupId) = await GroupAsync(services);
        var hooks = services.Get<HookService>();

        var made = await hooks.CreateAsync(alice, groupId, " Deploys ", Ct);

        Assert.True(made.Succeeded, made.Error);
        Assert.Matches("^hooks/[a-z0-9]{26}$", made.Value!.Path);
        Assert.Equal(("Deploys", "alice"), (made.Value.Hook.Name, made.Value.Hook.CreatorName));
        Assert.Equal(HookService.NotYours, (await hooks.CreateAsync(bob, groupId, "Mine", Ct)).Error);
        Assert.Equal(HookService.NotYours, (await hooks.ListAsync(bob, groupId, Ct)).Error);
        Assert.Equal(HookService.NotYours, (await hooks.ListAsync(carol, groupId, Ct)).Error);
        Assert.Equal(HookService.NotYours, (await hooks.DeleteAsync(carol, made.Value.Hook.UserId, Ct)).Error);
        Assert.Equal(HookService.NameNeeded, (await hooks.CreateAsync(alice, groupId, "  ", Ct)).Error);

        // In a direct chat either person, once it is not a request they have still to accept.
        var direct = (await services.Get<ChatService>().OpenDirectAsync(alice, "bob", Ct))!.Id;
        Assert.True((await hooks.CreateAsync(alice, direct, "Alice's scripts", Ct)).Succeeded);
        Assert.Equal(HookService.NotYours, (await hooks.ListAsync(bob, direct, Ct)).Error);
        Assert.True((await services.Get<ContactService>().AddAsync(bob, "alice", Ct)).Succeeded);
        Assert.Equal(["Alice's scripts"], (await hooks.ListAsync(bob, direct, Ct)).Value!.Select(h => h.Name));
        Assert.Equal(HookService.NotYours, (await hooks.CreateAsync(carol, direct, "Sneaky", Ct)).Error);
    }

    [Fact]
    public async Task A_post_goes_in_as_the_webhook_with_its_card_and_mentions_and_the_key_is_stored_only_as_a_hash()
    {
        await using var services = await TestServices.CreateAsync();
        var (alice, bob, _, groupId) = await GroupAsync(services);
        var made = (await services.Get<HookService>().CreateAsync(alice, groupId, "Deploys", Ct)).Value!;

        var answer = await PostAsync(services, KeyOf(made),
            """{"text":"deploy *ok* for <@bob>","username":"ci","channel":"#elsewhere","attachments":[{"color":"good","title":"CI","fields":[{"title":"branch","value":"main","short":true}]}]}""");

        Assert.Equal(HookAnswer.Ok, answer);
        var posted = (await services.Get<ChatService>().GetPageAsync(bob, groupId, null, Ct)).Last();
        Assert.Equal(made.Hook.UserId, posted.SenderId);
        Assert.Equal($"deploy **ok** for {Mentions.Token(bob)}", posted.Body);
        Assert.Equal("ci", posted.Card!.As);
        Assert.Single(posted.Card.Boxes);
        var group = (await services.Get<GroupService>().OpenAsync(bob, groupId, Ct))!;
        Assert.Equal("Deploys", group.Conversation.People[made.Hook.UserId].Name);
        Assert.DoesNotContain(made.Hook.UserId, group.Conversation.MemberIds!);

        await using var db = await services.Get<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync(Ct);
        var row = await db.Webhooks.SingleAsync(Ct);
        Assert.Equal(SHA256.HashData(Encoding.ASCII.GetBytes(KeyOf(made))), row.KeyHash);
        Assert.NotNull(row.LastUsedUtc);
        var user = await db.Users.SingleAsync(u => u.Id == made.Hook.UserId, Ct);
        Assert.Equal((true, null, null), (user.IsBot, user.NormalizedUserName, user.PasswordHash));
    }

    [Fact]
    public async Task A_new_url_stops_the_old_one_and_a_deleted_webhook_answers_no_service_but_its_posts_stay()
    {
        await using var services = await TestServices.CreateAsync();
        var admin = await services.CreateUserAsync("root");
        await services.Get<AdminService>().PromoteIfFirstAsync(admin, Ct);
        var (alice, bob, _, groupId) = await GroupAsync(services);
        var hooks = services.Get<HookService>();
        var made = (await hooks.CreateAsync(alice, groupId, "Alerts", Ct)).Value!;
        Assert.Equal(HookAnswer.Ok, await PostAsync(services, KeyOf(made), """{"text":"first"}"""));

        var renewed = (await hooks.RegenerateAsync(alice, made.Hook.UserId, Ct)).Value!;

        Assert.Equal(HookAnswer.NoService, await PostAsync(services, KeyOf(made), """{"text":"old url"}"""));
        Assert.Equal(HookAnswer.Ok, await PostAsync(services, KeyOf(renewed), """{"text":"second"}"""));
        Assert.Equal(["Alerts"], (await hooks.ListAllAsync(admin, Ct)).Select(h => h.Name));

        Assert.True((await hooks.DeleteAsync(admin, made.Hook.UserId, Ct)).Succeeded);

        Assert.Equal(HookAnswer.NoService, await PostAsync(services, KeyOf(renewed), """{"text":"after"}"""));
        Assert.Empty((await hooks.ListAsync(alice, groupId, Ct)).Value!);
        Assert.Empty(await hooks.ListAllAsync(admin, Ct));
        Assert.Equal(["first", "second"], (await services.Get<ChatService>().GetPageAsync(bob, groupId, null, Ct))
            .Where(m => m.ByHook).Select(m => m.Body));
        Assert.Contains(await services.Get<AdminService>().AuditLogAsync(admin, Ct), a => a.Action == "deleted webhook");
    }

    [Fact]
    public async Task In_a_direct_chat_a_webhook_speaks_for_its_maker_and_a_block_stops_it_too()
    {
        await using var services = await TestServices.CreateAsync();
        var (alice, bob) = await services.ContactsAsync();
        Assert.True((await services.Get<ContactService>().AddAsync(bob, "alice", Ct)).Succeeded);
        var direct = (await services.Get<ChatService>().OpenDirectAsync(alice, "bob", Ct))!.Id;
        var made = (await services.Get<HookService>().CreateAsync(alice, direct, "Alice's scripts", Ct)).Value!;
        Assert.Equal(HookAnswer.Ok, await PostAsync(services, KeyOf(made), """{"text":"backup done"}"""));

        Assert.True((await services.Get<SafetyService>().BlockAsync(bob, alice, Ct)).Succeeded);

        Assert.Equal(HookAnswer.Prohibited, await PostAsync(services, KeyOf(made), """{"text":"after the block"}"""));
        Assert.Equal(["backup done"], (await services.Get<ChatService>().GetPageAsync(bob, direct, null, Ct)).Where(m => m.ByHook).Select(m => m.Body));
    }

    [Fact]
    public async Task A_text_longer_than_a_message_is_posted_in_pieces_with_nothing_lost()
    {
        await using var services = await TestServices.CreateAsync();
        var (alice, bob, _, groupId) = await GroupAsync(services);
        var made = (await services.Get<HookService>().CreateAsync(alice, groupId, "Logs", Ct)).Value!;
        var lines = Enumerable.Range(1, 600).Select(i => $"line {i:D4} of the build log").ToList();

        Assert.Equal(HookAnswer.Ok, await PostAsync(services, KeyOf(made), System.Text.Json.JsonSerializer.Serialize(new { text = string.Join('\n', lines) })));

        var pieces = (await services.Get<ChatService>().GetPageAsync(bob, groupId, null, Ct)).Where(m => m.ByHook).ToList();
        Assert.True(pieces.Count > 1);
        Assert.All(pieces, p => Assert.True(p.Body.Length <= MessageRules.MaxLength));
        Assert.Equal(lines, pieces.SelectMany(p => p.Body.Split('\n')));
    }

    [Fact]
    public async Task Past_its_burst_a_webhook_is_told_when_to_come_back_and_a_conversation_holds_only_so_many()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Messenger:Hooks:Burst"] = "2", ["Messenger:Hooks:PostsPerSecond"] = "0.01", ["Messenger:Hooks:MaxPerConversation"] = "1",
        };
        await using var services = await TestServices.CreateAsync(settings: settings);
        var (alice, bob, _, groupId) = await GroupAsync(services);
        var hooks = services.Get<HookService>();
        var made = (await hooks.CreateAsync(alice, groupId, "Noisy", Ct)).Value!;

        var answers = new List<HookAnswer>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add(await PostAsync(services, KeyOf(made), $$"""{"text":"alert {{i}}"}"""));
        }

        Assert.Equal([200, 200, 429], answers.Select(a => a.Status));
        Assert.Equal("rate_limited", answers[2].Body);
        Assert.True(answers[2].RetryAfterSeconds >= 1);
        Assert.Equal(["alert 0", "alert 1"], (await services.Get<ChatService>().GetPageAsync(bob, groupId, null, Ct)).Where(m => m.ByHook).Select(m => m.Body));
        Assert.Equal("A conversation can have at most 1 webhooks.", (await hooks.CreateAsync(alice, groupId, "Another", Ct)).Error);
    }
}
