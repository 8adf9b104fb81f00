using BlazorMessenger.Features.Chat.List;
using BlazorMessenger.Data;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Contacts;
using BlazorMessenger.Features.Groups;
using BlazorMessenger.Features.Notifications;
using BlazorMessenger.Features.Profile;
using BlazorMessenger.Features.Safety;
using BlazorMessenger.Features.Settings;
using BlazorMessenger.Realtime;
using BlazorMessenger.Tests.TestSupport;

namespace BlazorMessenger.Tests.Features.Safety;

/// <summary>Message requests and blocking, against real SQLite.</summary>
[BothDatabases]
public sealed class SafetyServiceTests : IAsyncLifetime
{
    private TestServices _services = default!;
    private string _mallory = "", _olivia = "";
    private long _conversationId;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ChatService Chat => _services.Get<ChatService>();

    private ConversationListService Lists => _services.Get<ConversationListService>();

    private SafetyService Safety => _services.Get<SafetyService>();

    public async ValueTask InitializeAsync()
    {
        _services = await TestServices.CreateAsync();
        _mallory = await _services.CreateUserAsync("mallory", "Mal");
        _olivia = await _services.CreateUserAsync("olivia", "Olivia O.");
        _conversationId = (await _services.Get<ContactService>().AddAsync(_mallory, "olivia", Ct)).Value!.ConversationId;
    }

    [Fact]
    public async Task A_strangers_first_message_waits_as_a_silent_request_that_hides_the_recipient()
    {
        using var oliviasTab = new HubRecorder(_services.Get<IMessengerHub>(), _olivia);
        var sent = await SendAsync(_mallory, "hi there");

        var request = Assert.Single(await Lists.ListAsync(_olivia, Ct));
        Assert.True(request.IsRequest);
        Assert.Null(await _services.Get<NotificationService>().ForAsync(_olivia, sent, Ct));
        var seenByMallory = (await Chat.OpenDirectAsync(_mallory, "olivia", Ct))!.Peer!;
        Assert.True(seenByMallory is { Hidden: true, DisplayName: null, AvatarId: null, LastSeenUtc: null });
        Assert.Equal("olivia", seenByMallory.Name);
        Assert.True((await _services.Get<ProfileService>().GetCardAsync(_mallory, _olivia, Ct))!.Hidden);
        Assert.True((await Chat.OpenDirectAsync(_olivia, "mallory", Ct))!.IsRequest);

        Assert.True(await Safety.AcceptAsync(_olivia, _conversationId, Ct));

        Assert.False(Assert.Single(await Lists.ListAsync(_olivia, Ct)).IsRequest);
        Assert.Equal("Olivia O.", (await Chat.OpenDirectAsync(_mallory, "olivia", Ct))!.Peer!.Name);
        Assert.NotNull(await _services.Get<NotificationService>().ForAsync(_olivia, await SendAsync(_mallory, "thanks"), Ct));
    }

    [Fact]
    public async Task A_deleted_request_comes_back_only_with_a_newer_message()
    {
        await SendAsync(_mallory, "buy now");

        Assert.True(await Safety.DismissAsync(_olivia, _conversationId, Ct));
        Assert.Empty(await Lists.ListAsync(_olivia, Ct));

        await SendAsync(_mallory, "last chance");
        Assert.True(Assert.Single(await Lists.ListAsync(_olivia, Ct)).IsRequest);
        Assert.False(await Safety.DismissAsync(_mallory, _conversationId, Ct));
    }

    [Fact]
    public async Task Contacts_only_refuses_a_strangers_messages_but_not_a_contacts()
    {
        var settings = _services.Get<SettingsService>();
        var current = await settings.GetAsync(_olivia, Ct);
        await settings.UpdateAsync(_olivia, current with { MessagesFrom = MessageAudience.Contacts }, Ct);

        var refused = await Chat.SendAsync(_mallory, _conversationId, Guid.NewGuid(), "hello?", ct: Ct);
        Assert.Equal(Relations.NotAccepting, refused.Error);

        await _services.Get<ContactService>().AddAsync(_olivia, "mallory", Ct);
        Assert.True((await Chat.SendAsync(_mallory, _conversationId, Guid.NewGuid(), "hello!", ct: Ct)).Succeeded);
    }

    [Fact]
    public async Task A_blocked_person_cannot_message_or_add_the_blocker_to_a_group_and_sees_only_the_username()
    {
        await Safety.AcceptAsync(_olivia, _conversationId, Ct);
        using var mallorysTab = new HubRecorder(_services.Get<IMessengerHub>(), _mallory);

        Assert.True((await Safety.BlockAsync(_olivia, _mallory, Ct)).Succeeded);

        Assert.Contains(mallorysTab.OfType<ProfileChanged>(), p => p.UserId == _olivia && p.Hidden);
        Assert.Equal(Relations.NotAccepting, (await Chat.SendAsync(_mallory, _conversationId, Guid.NewGuid(), "why?", ct: Ct)).Error);
        Assert.Equal("You can't add olivia to groups.", (await _services.Get<GroupService>().CreateAsync(_mallory, "Trap", ["olivia"], Ct)).Error);
        Assert.True((await Chat.OpenDirectAsync(_mallory, "olivia", Ct))!.Peer!.Hidden);
        Assert.True((await _services.Get<ProfileService>().UpdateAsync(_olivia, new ProfileUpdate("Liv"), Ct)).Succeeded);
        Assert.Equal("olivia", (await _services.Get<ProfileService>().GetCardAsync(_mallory, _olivia, Ct))!.Name);
        Assert.Equal("mallory", Assert.Single(await Safety.BlockedAsync(_olivia, Ct)).UserName);

        Assert.True(await Safety.UnblockAsync(_olivia, _mallory, Ct));
        Assert.True((await Chat.SendAsync(_mallory, _conversationId, Guid.NewGuid(), "sorry", ct: Ct)).Succeeded);
        Assert.Equal("Liv", (await Chat.OpenDirectAsync(_mallory, "olivia", Ct))!.Peer!.Name);
    }

    [Fact]
    public async Task Contacts_only_also_keeps_strangers_from_adding_you_to_groups_and_holds_after_a_contact_is_removed()
    {
        var settings = _services.Get<SettingsService>();
        await settings.UpdateAsync(_olivia, (await settings.GetAsync(_olivia, Ct)) with { MessagesFrom = MessageAudience.Contacts }, Ct);
        var groups = _services.Get<GroupService>();

        Assert.Equal("You can't add olivia to groups.", (await groups.CreateAsync(_mallory, "Hi", ["olivia"], Ct)).Error);

        await _services.Get<ContactService>().AddAsync(_olivia, "mallory", Ct);
        Assert.True((await groups.CreateAsync(_mallory, "Hi", ["olivia"], Ct)).Succeeded);
        Assert.True((await Chat.SendAsync(_mallory, _conversationId, Guid.NewGuid(), "friends now", ct: Ct)).Succeeded);

        await _services.Get<ContactService>().RemoveAsync(_olivia, _mallory, Ct);
        Assert.Equal(Relations.NotAccepting, (await Chat.SendAsync(_mallory, _conversationId, Guid.NewGuid(), "still?", ct: Ct)).Error);
    }

    [Fact]
    public async Task A_blocked_person_can_neither_edit_old_messages_nor_be_seen_typing_nor_see_the_blockers_name_in_contacts()
    {
        await Safety.AcceptAsync(_olivia, _conversationId, Ct);
        var sent = await SendAsync(_mallory, "hello");
        await Safety.BlockAsync(_olivia, _mallory, Ct);
        using var oliviasTab = new HubRecorder(_services.Get<IMessengerHub>(), _olivia);

        Assert.Equal(Relations.NotAccepting, (await _services.Get<MessageChangeService>().EditAsync(_mallory, sent.Id, "something nasty", Ct)).Error);
        Assert.True(await _services.Get<BlazorMessenger.Features.Typing.TypingTracker>().ReportAsync(_mallory, _conversationId, Ct));
        Assert.Empty(oliviasTab.OfType<TypingChanged>());
        var contact = Assert.Single(await _services.Get<ContactService>().ListAsync(_mallory, Ct));
        Assert.Equal(("olivia", null), (contact.Name, contact.AvatarId));
    }

    [Fact]
    public async Task Reading_a_request_gives_the_stranger_no_ticks()
    {
        var sent = await SendAsync(_mallory, "are you there?");
        var receipts = _services.Get<BlazorMessenger.Features.Receipts.ReceiptService>();

        await receipts.MarkDeliveredAsync(_olivia, new Dictionary<long, long> { [_conversationId] = sent.Seq }, Ct);
        await receipts.MarkReadAsync(_olivia, _conversationId, sent.Seq, Ct);

        var positions = await receipts.PositionsAsync(_mallory, _conversationId, Ct);
        Assert.Equal(BlazorMessenger.Features.Receipts.ReceiptStatus.Sent, positions.StatusOf(sent.Seq));
    }

    [Fact]
    public async Task Presence_and_profile_changes_do_not_reach_someone_hidden_from()
    {
        using var mallorysTab = new HubRecorder(_services.Get<IMessengerHub>(), _mallory);

        await _services.Get<ProfileService>().UpdateAsync(_olivia, new ProfileUpdate("Secret Olivia"), Ct);

        Assert.DoesNotContain(mallorysTab.OfType<ProfileChanged>(), p => p.UserId == _olivia);
    }

    [Fact]
    public async Task Blocking_yourself_or_nobody_is_refused() =>
        Assert.Equal(["You can't block yourself.", "There is no such person."],
            [(await Safety.BlockAsync(_olivia, _olivia, Ct)).Error!, (await Safety.BlockAsync(_olivia, "no-such-id", Ct)).Error!]);

    private async Task<ChatMessage> SendAsync(string userId, string text)
    {
        var sent = await Chat.SendAsync(userId, _conversationId, Guid.NewGuid(), text, ct: Ct);
        Assert.True(sent.Succeeded, sent.Error);
        return sent.Value!;
    }

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();
}
