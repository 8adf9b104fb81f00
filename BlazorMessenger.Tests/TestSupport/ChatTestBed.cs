using BlazorMessenger.Features.Chat.List;
using BlazorMessenger.Data;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Contacts;
using BlazorMessenger.Features.Receipts;
using BlazorMessenger.Features.Safety;
using BlazorMessenger.Realtime;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorMessenger.Tests.TestSupport;

/// <summary>alice and bob with a direct conversation, and carol who is in no conversation with them.</summary>
public sealed class ChatTestBed : IAsyncDisposable
{
    private ChatTestBed(TestServices services) => Services = services;

    public TestServices Services { get; }

    public ChatService Chat => Services.Get<ChatService>();

    public ConversationListService Lists => Services.Get<ConversationListService>();

    public AttachmentService Attachments => Services.Get<AttachmentService>();

    public ForwardService Forwards => Services.Get<ForwardService>();

    public MessageChangeService Changes => Services.Get<MessageChangeService>();

    public IMessengerHub Hub => Services.Get<IMessengerHub>();

    public ReceiptService Receipts => Services.Get<ReceiptService>();

    public string Alice { get; private set; } = "";

    public string Bob { get; private set; } = "";

    public string Carol { get; private set; } = "";

    public long ConversationId { get; private set; }

    public static async Task<ChatTestBed> CreateAsync(
        IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? time = null, Action<IServiceCollection>? configure = null)
    {
        var bed = new ChatTestBed(await TestServices.CreateAsync(settings: settings, time: time, configure: configure));
        bed.Alice = await bed.Services.CreateUserAsync("alice", "Alice A.");
        bed.Bob = await bed.Services.CreateUserAsync("bob");
        bed.Carol = await bed.Services.CreateUserAsync("carol");
        var added = await bed.Services.Get<ContactService>().AddAsync(bed.Alice, "bob", TestContext.Current.CancellationToken);
        bed.ConversationId = added.Value!.ConversationId;
        Assert.True(await bed.Services.Get<SafetyService>().AcceptAsync(bed.Bob, bed.ConversationId, TestContext.Current.CancellationToken));
        return bed;
    }

    public async Task<ChatMessage> SendAsync(string userId, string text)
    {
        var result = await Chat.SendAsync(userId, ConversationId, Guid.NewGuid(), text, ct: TestContext.Current.CancellationToken);
        Assert.True(result.Succeeded, result.Error);
        return result.Value!;
    }

    /// <summary>Stores alice's messages the way a lost event would look: in the database, never published.</summary>
    public Task StoreSilentlyAsync(params string[] bodies) =>
        StoreSilentlyAsync(bodies.Select(body => (DateTime.UtcNow, body)).ToArray());

    /// <summary>Alice's messages written at the given moments, straight to the database.</summary>
    public async Task StoreSilentlyAsync(params (DateTime CreatedUtc, string Body)[] messages)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await Services.Get<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync(ct);
        var conversation = await db.Conversations.SingleAsync(c => c.Id == ConversationId, ct);
        foreach (var (createdUtc, body) in messages)
        {
            conversation.LastSeq++;
            db.Messages.Add(new Message
            {
                ConversationId = conversation.Id, Seq = conversation.LastSeq, SenderId = Alice,
                ClientMessageId = Guid.NewGuid(), Body = body, CreatedUtc = createdUtc,
            });
        }

        await db.SaveChangesAsync(ct);
    }

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}
