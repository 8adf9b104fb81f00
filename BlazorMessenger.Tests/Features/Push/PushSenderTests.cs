using BlazorMessenger.Features.Notifications;
using BlazorMessenger.Features.Push;
using BlazorMessenger.Features.Safety;
using BlazorMessenger.Features.Contacts;
using BlazorMessenger.Tests.TestSupport;

namespace BlazorMessenger.Tests.Features.Push;

/// <summary>
/// Who gets a push for a new message, checked at a push service that decrypts each push with npm's http_ece and checks
/// its VAPID token: everyone else in the conversation with a subscribed browser, unless one of their tabs shows it.
/// </summary>
[BothDatabases]
public sealed class PushSenderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_message_reaches_every_subscribed_browser_of_the_recipient_encrypted_and_signed_and_never_the_sender()
    {
        await using var push = await PushService.StartAsync();
        await using var bed = await ChatTestBed.CreateAsync(PushTesting.Settings);
        var (_, laptop) = await bed.Services.SubscribedAsync(push, bed.Bob);
        var (_, phone) = await bed.Services.SubscribedAsync(push, bed.Bob);
        var (_, alices) = await bed.Services.SubscribedAsync(push, bed.Alice);
        await bed.Services.StartPushingAsync();

        var message = await bed.SendAsync(bed.Alice, "lunch? 🍜");
        await bed.Services.SettledAsync();

        foreach (var browser in new[] { laptop, phone })
        {
            var received = Assert.Single(await push.ReceivedAsync(browser));
            Assert.True(received.VapidValid, received.VapidError);
            Assert.Null(received.DecryptError);
            Assert.Equal(("aes128gcm", "86400", "high", $"c{bed.ConversationId}", "mailto:ops@example.com", 201),
                (received.ContentEncoding, received.Ttl, received.Urgency, received.Topic, received.Subject, received.Status));
            var payload = received.Payload!.Value;
            Assert.Equal(("message", "Alice A.", "lunch? 🍜", "chat/alice", $"bm-conversation-{bed.ConversationId}", message.Seq),
                (payload.GetProperty("type").GetString(), payload.GetProperty("title").GetString(), payload.GetProperty("body").GetString(),
                 payload.GetProperty("url").GetString(), payload.GetProperty("tag").GetString(), payload.GetProperty("seq").GetInt64()));
        }

        Assert.Empty(await push.ReceivedAsync(alices));
    }

    [Fact]
    public async Task No_push_reaches_any_device_while_one_tab_shows_the_conversation_visibly()
    {
        await using var push = await PushService.StartAsync();
        await using var bed = await ChatTestBed.CreateAsync(PushTesting.Settings);
        var (_, laptop) = await bed.Services.SubscribedAsync(push, bed.Bob);
        var (_, phone) = await bed.Services.SubscribedAsync(push, bed.Bob);
        var viewers = bed.Services.Get<PushViewers>();
        await bed.Services.StartPushingAsync();

        // One tab on the laptop shows the chat with alice, another shows something else.
        viewers.Set("laptop-tab-1", bed.Bob, "chat/alice");
        viewers.Set("laptop-tab-2", bed.Bob, "contacts");
        await bed.SendAsync(bed.Alice, "you're looking at this");
        await bed.Services.SettledAsync();
        Assert.Empty(await push.ReceivedAsync(laptop));
        Assert.Empty(await push.ReceivedAsync(phone));

        // The tab is hidden (another app in front): both devices are told.
        viewers.Set("laptop-tab-1", bed.Bob, null);
        await bed.SendAsync(bed.Alice, "now you're not");
        await bed.Services.SettledAsync();
        Assert.Single(await push.ReceivedAsync(laptop));
        Assert.Single(await push.ReceivedAsync(phone));

        // Alice's tab showing her chat with bob tells nothing about bob; a tab that went away shows nothing.
        viewers.Set("alice-tab", bed.Alice, "chat/bob");
        viewers.Set("laptop-tab-3", bed.Bob, "chat/alice");
        viewers.Leave("laptop-tab-3");
        await bed.SendAsync(bed.Alice, "and again");
        await bed.Services.SettledAsync();
        Assert.Equal(2, (await push.ReceivedAsync(phone)).Count);
    }

    [Fact]
    public async Task A_tab_whose_connection_dropped_shows_nothing_and_shows_again_once_back()
    {
        await using var push = await PushService.StartAsync();
        await using var bed = await ChatTestBed.CreateAsync(PushTesting.Settings);
        var (_, phone) = await bed.Services.SubscribedAsync(push, bed.Bob);
        await bed.Services.StartPushingAsync();
        var tab = new PushViewer(bed.Services.Get<PushViewers>());
        tab.Shows(bed.Bob, "chat/alice", visible: true);

        await tab.OnConnectionDownAsync(null!, Ct);
        await bed.SendAsync(bed.Alice, "while the laptop's network is down");
        await bed.Services.SettledAsync();
        Assert.Single(await push.ReceivedAsync(phone));

        await tab.OnConnectionUpAsync(null!, Ct);
        await bed.SendAsync(bed.Alice, "back");
        await bed.Services.SettledAsync();
        Assert.Single(await push.ReceivedAsync(phone));

        tab.Dispose();
        await bed.SendAsync(bed.Alice, "tab closed");
        await bed.Services.SettledAsync();
        Assert.Equal(2, (await push.ReceivedAsync(phone)).Count);
    }

    [Fact]
    public async Task Muted_conversations_message_requests_and_blocked_senders_push_nothing_but_a_mention_does_at_high_urgency()
    {
        await using var push = await PushService.StartAsync();
        await using var bed = await GroupTestBed.CreateAsync(PushTesting.Settings);
        await bed.Services.StartPushingAsync();
        await bed.Services.SettledAsync();
        var (_, mias) = await bed.Services.SubscribedAsync(push, bed.Mia);

        await bed.SendAsync(bed.Adam, "plain group message");
        await bed.Services.SettledAsync();
        Assert.Equal("normal", Assert.Single(await push.ReceivedAsync(mias)).Urgency);

        await bed.Services.Get<NotificationService>().MuteAsync(bed.Mia, bed.GroupId, MuteFor.Always, Ct);
        await bed.SendAsync(bed.Adam, "muted");
        await bed.SendAsync(bed.Adam, "but @mia look");
        await bed.Services.SettledAsync();
        var mention = (await push.ReceivedAsync(mias)).Skip(1).Single();
        Assert.Equal(("high", "adam: but @mia look"), (mention.Urgency, mention.Payload!.Value.GetProperty("body").GetString()));

        await bed.Services.Get<NotificationService>().MuteAsync(bed.Mia, bed.GroupId, null, Ct);
        Assert.True((await bed.Services.Get<SafetyService>().BlockAsync(bed.Mia, bed.Adam, Ct)).Succeeded);
        await bed.SendAsync(bed.Adam, "from someone mia blocked");
        // sam is a stranger to mia: his first message waits as a request.
        var request = (await bed.Services.Get<ContactService>().AddAsync(bed.Sam, "mia", Ct)).Value!.ConversationId;
        Assert.True((await bed.Services.Get<BlazorMessenger.Features.Chat.ChatService>().SendAsync(bed.Sam, request, Guid.NewGuid(), "hi, it's sam", ct: Ct)).Succeeded);
        await bed.Services.SettledAsync();
        Assert.Equal(2, (await push.ReceivedAsync(mias)).Count);
    }

    [Fact]
    public async Task Reading_a_pushed_conversation_closes_its_notification_on_every_device_once()
    {
        await using var push = await PushService.StartAsync();
        await using var bed = await ChatTestBed.CreateAsync(PushTesting.Settings);
        var (_, laptop) = await bed.Services.SubscribedAsync(push, bed.Bob);
        var (_, phone) = await bed.Services.SubscribedAsync(push, bed.Bob);
        await bed.Services.StartPushingAsync();
        var message = await bed.SendAsync(bed.Alice, "read me");
        await bed.Services.SettledAsync();

        await bed.Receipts.MarkReadAsync(bed.Bob, bed.ConversationId, message.Seq, Ct);
        await bed.Services.SettledAsync();
        foreach (var browser in new[] { laptop, phone })
        {
            var close = (await push.ReceivedAsync(browser)).Last();
            Assert.Equal(("read", message.Seq, $"bm-conversation-{bed.ConversationId}"),
                (close.Type, close.Payload!.Value.GetProperty("seq").GetInt64(), close.Payload.Value.GetProperty("tag").GetString()));
        }

        // Nothing left to close: reading more sends nothing; alice reading bob's reply pushes nothing to bob.
        var reply = await bed.SendAsync(bed.Bob, "done");
        await bed.Receipts.MarkReadAsync(bed.Alice, bed.ConversationId, reply.Seq, Ct);
        await bed.Services.SettledAsync();
        Assert.Equal(2, (await push.ReceivedAsync(phone)).Count);
    }
}
