using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Chat.Compose;
using BlazorMessenger.Tests.TestSupport;
using Bunit;

namespace BlazorMessenger.Tests.Features.Chat.Compose;

public sealed class OutboxSenderTests : ChatComponentContext
{
    /// <summary>Three messages, then one a minute: no refill can happen while a test runs.</summary>
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Messenger:RateLimits:MessageBurst"] = "3",
        ["Messenger:RateLimits:MessagesPerMinute"] = "1",
    };

    [Fact]
    public async Task Once_interactive_it_connects_the_browsers_outbox_as_the_signed_in_user_and_disconnects_when_disposed()
    {
        var module = JSInterop.SetupModule("./Features/Chat/Compose/Composer.Text.js");
        var connect = module.SetupVoid("connect", _ => true);
        var disconnect = module.SetupVoid("disconnect", _ => true);

        Render<OutboxSender>(p => p.Add(c => c.UserId, Bed.Alice));

        Assert.Equal(Bed.Alice, connect.VerifyInvoke("connect").Arguments[1]);
        await DisposeComponentsAsync();
        Assert.Same(connect.VerifyInvoke("connect").Arguments[0], disconnect.VerifyInvoke("disconnect").Arguments[0]);
    }

    [Fact]
    public async Task A_message_sent_again_with_its_client_id_is_stored_once()
    {
        var cut = Render<OutboxSender>(p => p.Add(c => c.UserId, Bed.Alice));
        var id = Guid.NewGuid().ToString();

        var first = await cut.InvokeAsync(() => cut.Instance.SendAsync(id, Bed.ConversationId, "only once"));
        var again = await cut.InvokeAsync(() => cut.Instance.SendAsync(id, Bed.ConversationId, "only once"));

        Assert.Equal(new SendOutcome(true, null), first);
        Assert.Equal(new SendOutcome(true, null), again);
        var stored = await Bed.Chat.GetAfterAsync(Bed.Alice, Bed.ConversationId, 0, Xunit.TestContext.Current.CancellationToken);
        Assert.Equal("only once", Assert.Single(stored).Body);
    }

    [Fact]
    public async Task Refusals_come_back_with_their_reason_and_store_nothing()
    {
        var cut = Render<OutboxSender>(p => p.Add(c => c.UserId, Bed.Carol));

        var tooLong = await cut.InvokeAsync(() => cut.Instance.SendAsync(
            Guid.NewGuid().ToString(), Bed.ConversationId, new string('x', MessageRules.MaxLength + 1)));
        var notMine = await cut.InvokeAsync(() => cut.Instance.SendAsync(Guid.NewGuid().ToString(), Bed.ConversationId, "let me in"));
        var noId = await cut.InvokeAsync(() => cut.Instance.SendAsync("not-a-guid", Bed.ConversationId, "hello"));

        Assert.Equal(new SendOutcome(false, MessageRules.TooLong), tooLong);
        Assert.Equal(new SendOutcome(false, "You are not in this conversation."), notMine);
        Assert.False(noId.Stored);
        Assert.Empty(await Bed.Chat.GetAfterAsync(Bed.Alice, Bed.ConversationId, 0, Xunit.TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_message_past_the_send_limit_is_refused_with_the_reason()
    {
        var cut = Render<OutboxSender>(p => p.Add(c => c.UserId, Bed.Alice));
        for (var i = 0; i < 3; i++)
        {
            Assert.True((await cut.InvokeAsync(() => cut.Instance.SendAsync(Guid.NewGuid().ToString(), Bed.ConversationId, $"burst {i}"))).Stored);
        }

        var refused = await cut.InvokeAsync(() => cut.Instance.SendAsync(Guid.NewGuid().ToString(), Bed.ConversationId, "one too many"));

        Assert.Equal(new SendOutcome(false, MessageRules.SlowDown, RetryLater: true), refused);
    }
}
