using BlazorMessenger.Data;
using BlazorMessenger.Features.Bots;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Contacts;
using BlazorMessenger.Features.Groups;
using BlazorMessenger.Features.Hooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorMessenger.Tests.TestSupport;

/// <summary>
/// One app on a real port for the tests that drive it with real integration clients (Telegram bot frameworks, Slack
/// webhook senders): people and bots are made through its own services, and each test makes its own.
/// </summary>
public sealed class IntegrationsApp : IAsyncLifetime
{
    public MessengerAppFactory App { get; } = new(new Dictionary<string, string>
    {
        // The tests' webhook receivers listen on this machine.
        ["Messenger:Bots:WebhookHosts:0"] = "127.0.0.1",
    });

    public string BaseUrl => App.BaseUrl;

    public T Get<T>() where T : notnull => App.Services.GetRequiredService<T>();

    public ValueTask InitializeAsync()
    {
        _ = BaseUrl;
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();

    /// <summary>A new person, named after prefix.</summary>
    public async Task<(string Id, string UserName)> PersonAsync(string prefix)
    {
        var name = BrowserPeople.NewUserName(prefix);
        return (await App.CreateUserAsync(name), name);
    }

    /// <summary>A new bot owned by owner: its id, username and token.</summary>
    public async Task<(string Id, string UserName, string Token)> BotAsync(string ownerId, string name = "Echo")
    {
        var userName = BrowserPeople.NewUserName("t") + "_bot";
        var made = await Get<BotService>().CreateAsync(ownerId, name, userName);
        Assert.True(made.Succeeded, made.Error);
        return (made.Value!.Bot.UserId, userName, made.Value.Token);
    }

    /// <summary>A new incoming webhook of the conversation, made by one who manages it: its id and full URL.</summary>
    public async Task<(string Id, string Url)> HookAsync(string managerId, long conversationId, string name = "Deploys")
    {
        var made = await Get<HookService>().CreateAsync(managerId, conversationId, name);
        Assert.True(made.Succeeded, made.Error);
        return (made.Value!.Hook.UserId, $"{BaseUrl.TrimEnd('/')}/{made.Value.Path}");
    }

    /// <summary>The person adds the bot as a contact and writes to it: the direct chat's id.</summary>
    public async Task<long> WriteToBotAsync(string personId, string botUserName, string text)
    {
        var added = await Get<ContactService>().AddAsync(personId, botUserName);
        Assert.True(added.Succeeded, added.Error);
        await SendAsync(personId, added.Value!.ConversationId, text);
        return added.Value.ConversationId;
    }

    /// <summary>A group of the owner with these members (usernames).</summary>
    public async Task<long> GroupAsync(string ownerId, params string[] memberUserNames)
    {
        var made = await Get<GroupService>().CreateAsync(ownerId, "Team", memberUserNames);
        Assert.True(made.Succeeded, made.Error);
        return made.Value;
    }

    public async Task<ChatMessage> SendAsync(string userId, long conversationId, string text, long? replyTo = null)
    {
        var sent = await Get<ChatService>().SendAsync(userId, conversationId, Guid.NewGuid(), text, replyTo);
        Assert.True(sent.Succeeded, sent.Error);
        return sent.Value!;
    }

    /// <summary>The user's number in Telegram's terms (a direct chat's chat_id, a user_id).</summary>
    public async Task<long> NumberOfAsync(string userId)
    {
        await using var db = await Get<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync();
        return await db.OfAsync(userId, CancellationToken.None);
    }

    /// <summary>The conversation's messages, oldest first, as stored.</summary>
    public async Task<List<Message>> MessagesAsync(long conversationId)
    {
        await using var db = await Get<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync();
        return await db.Messages.AsNoTracking().Where(m => m.ConversationId == conversationId).OrderBy(m => m.Seq).ToListAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class IntegrationsCollection : ICollectionFixture<IntegrationsApp>
{
    public const string Name = "Integrations";
}
