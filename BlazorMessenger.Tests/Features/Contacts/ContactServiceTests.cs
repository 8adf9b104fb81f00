using BlazorMessenger.Features.Chat.List;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Contacts;
using BlazorMessenger.Realtime;
using BlazorMessenger.Tests.TestSupport;

namespace BlazorMessenger.Tests.Features.Contacts;

[BothDatabases]
public sealed class ContactServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Adding_creates_one_direct_conversation_that_a_stranger_hears_of_only_when_added_back()
    {
        await using var services = await TestServices.CreateAsync();
        var alice = await services.CreateUserAsync("alice");
        var bob = await services.CreateUserAsync("bob");
        using var alicesTab = new HubRecorder(services.Get<IMessengerHub>(), alice);
        using var bobsTab = new HubRecorder(services.Get<IMessengerHub>(), bob);
        var contacts = services.Get<ContactService>();
        var lists = services.Get<ConversationListService>();

        var added = await contacts.AddAsync(alice, "  Bob ", Ct);
        Assert.True(added.Succeeded, added.Error);
        Assert.Equal("bob", Assert.Single(await contacts.ListAsync(alice, Ct)).UserName);
        Assert.Empty(await lists.ListAsync(bob, Ct)); // an empty request shows nowhere
        Assert.DoesNotContain(bobsTab.OfType<ConversationChanged>(), e => e.Notice is not null);

        var bobAddsBack = await contacts.AddAsync(bob, "alice", Ct);

        Assert.Equal(added.Value!.ConversationId, bobAddsBack.Value!.ConversationId);
        var row = Assert.Single(await lists.ListAsync(bob, Ct));
        Assert.False(row.IsRequest);
        Assert.Equal("bob added you as a contact.", Assert.Single(alicesTab.OfType<ConversationChanged>(), e => e.Notice is not null).Notice);
    }

    [Theory]
    [InlineData("nobody", "There is no user named 'nobody'.")]
    [InlineData("ALICE", "You can't add yourself as a contact.")]
    [InlineData("bob", "bob is already in your contacts.")]
    [InlineData("   ", "Enter the username of the person to add.")]
    public async Task A_username_that_cannot_be_added_gets_a_clear_message(string typed, string expected)
    {
        await using var services = await TestServices.CreateAsync();
        var alice = await services.CreateUserAsync("alice");
        await services.CreateUserAsync("bob");
        var contacts = services.Get<ContactService>();
        Assert.True((await contacts.AddAsync(alice, "bob", Ct)).Succeeded);

        var result = await contacts.AddAsync(alice, typed, Ct);

        Assert.Equal(expected, result.Error);
        Assert.Single(await contacts.ListAsync(alice, Ct));
    }

    [Fact]
    public async Task Adding_is_rate_limited_per_user()
    {
        await using var services = await TestServices.CreateAsync(settings: new Dictionary<string, string?>
        {
            ["Messenger:RateLimits:ContactAddBurst"] = "2",
            ["Messenger:RateLimits:ContactAddsPerMinute"] = "1",
        });
        var alice = await services.CreateUserAsync("alice");
        foreach (var name in new[] { "bob", "carol", "dave" })
        {
            await services.CreateUserAsync(name);
        }

        var contacts = services.Get<ContactService>();
        var results = new List<string?>();
        foreach (var name in new[] { "bob", "carol", "dave" })
        {
            results.Add((await contacts.AddAsync(alice, name, Ct)).Error);
        }

        Assert.Equal([null, null, ContactService.SlowDown], results);
        Assert.Equal(2, (await contacts.ListAsync(alice, Ct)).Count);
    }

    [Fact]
    public async Task Removing_a_contact_keeps_the_conversation_and_its_history()
    {
        await using var services = await TestServices.CreateAsync();
        var alice = await services.CreateUserAsync("alice");
        var bob = await services.CreateUserAsync("bob");
        var contacts = services.Get<ContactService>();
        var chat = services.Get<ChatService>();
        var conversation = (await contacts.AddAsync(alice, "bob", Ct)).Value!.ConversationId;
        await chat.SendAsync(alice, conversation, Guid.NewGuid(), "still here", ct: Ct);

        Assert.True(await contacts.RemoveAsync(alice, bob, Ct));
        Assert.False(await contacts.RemoveAsync(alice, bob, Ct));

        Assert.Empty(await contacts.ListAsync(alice, Ct));
        Assert.Equal("still here", Assert.Single(await chat.GetPageAsync(alice, conversation, null, Ct)).Body);
        Assert.True((await contacts.AddAsync(alice, "bob", Ct)).Succeeded);
        Assert.Single(await services.Get<ConversationListService>().ListAsync(alice, Ct));
    }
}
