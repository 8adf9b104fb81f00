using BlazorMessenger.Features.Chat.List;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Contacts;
using BlazorMessenger.Features.Groups;
using BlazorMessenger.Features.Notifications;
using BlazorMessenger.Features.Profile;
using BlazorMessenger.Features.Safety;
using BlazorMessenger.Features.Typing;
using BlazorMessenger.Realtime;
using BlazorMessenger.Tests.Features.Groups;
using BlazorMessenger.Tests.TestSupport;

namespace BlazorMessenger.Tests.Features.Safety;

/// <summary>
/// What a block and a stranger promise in groups, against real SQLite: a stranger's group is a request; a blocked person
/// in a shared group shows the blocker no typing, presence, picture, name changes or notifications, and their messages
/// come collapsed; names that read alike carry their @username.
/// </summary>
[BothDatabases]
public sealed class GroupSafetyTests : IAsyncLifetime
{
    private TestServices _services = default!;
    private string _mallory = "", _olivia = "", _frank = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private GroupService Groups => _services.Get<GroupService>();

    private ChatService Chat => _services.Get<ChatService>();

    private ConversationListService Lists => _services.Get<ConversationListService>();

    public async ValueTask InitializeAsync()
    {
        _services = await TestServices.CreateAsync();
        _mallory = await _services.CreateUserAsync("mallory", "Mal");
        _olivia = await _services.CreateUserAsync("olivia", "Olivia O.");
        _frank = await _services.CreateUserAsync("frank", "Frank F.");
        // frank knows olivia (she is in his contacts); mallory is a stranger to both.
        Assert.True((await _services.Get<ContactService>().AddAsync(_frank, "olivia", Ct)).Succeeded);
        Assert.True((await _services.Get<ContactService>().AddAsync(_olivia, "frank", Ct)).Succeeded);
    }

    [Fact]
    public async Task A_group_made_by_a_stranger_is_a_silent_request_until_accepted()
    {
        var groupId = GroupTestBed.Ok(await Groups.CreateAsync(_mallory, "Prizes", ["olivia"], Ct));
        var lure = GroupTestBed.Ok(await Chat.SendAsync(_mallory, groupId, Guid.NewGuid(), "claim at https://evil.example", ct: Ct));

        var row = Assert.Single(await Lists.ListAsync(_olivia, Ct), c => c.Id == groupId);
        Assert.True(row.IsRequest);
        Assert.Null(await _services.Get<NotificationService>().ForAsync(_olivia, lure, Ct));
        var opened = (await Groups.OpenAsync(_olivia, groupId, Ct))!;
        Assert.True(opened.IsRequest);
        Assert.Equal("mallory", opened.InvitedBy!.UserName);
        Assert.True((await Groups.OpenAsync(_mallory, groupId, Ct))!.Conversation.People[_olivia].Hidden);

        Assert.True(await _services.Get<SafetyService>().AcceptAsync(_olivia, groupId, Ct));

        Assert.False(Assert.Single(await Lists.ListAsync(_olivia, Ct), c => c.Id == groupId).IsRequest);
        Assert.False((await Groups.OpenAsync(_olivia, groupId, Ct))!.IsRequest);
        var next = GroupTestBed.Ok(await Chat.SendAsync(_mallory, groupId, Guid.NewGuid(), "welcome", ct: Ct));
        Assert.NotNull(await _services.Get<NotificationService>().ForAsync(_olivia, next, Ct));
    }

    [Fact]
    public async Task A_group_made_or_grown_by_someone_you_know_is_no_request_but_a_stranger_added_to_it_gets_one()
    {
        var groupId = GroupTestBed.Ok(await Groups.CreateAsync(_frank, "Friends", ["olivia"], Ct));
        Assert.False((await Groups.OpenAsync(_olivia, groupId, Ct))!.IsRequest);

        GroupTestBed.Ok(await Groups.AddMembersAsync(_frank, groupId, ["mallory"], Ct));

        Assert.True((await Groups.OpenAsync(_mallory, groupId, Ct))!.IsRequest);
        Assert.Equal("frank", (await Groups.OpenAsync(_mallory, groupId, Ct))!.InvitedBy!.UserName);
    }

    [Fact]
    public async Task A_blocked_member_shows_the_blocker_no_typing_presence_name_or_picture_changes_and_no_notifications()
    {
        var groupId = GroupTestBed.Ok(await Groups.CreateAsync(_frank, "Friends", ["olivia"], Ct));
        GroupTestBed.Ok(await Groups.AddMembersAsync(_frank, groupId, ["mallory"], Ct));
        Assert.True(await _services.Get<SafetyService>().AcceptAsync(_mallory, groupId, Ct));
        Assert.True((await _services.Get<SafetyService>().BlockAsync(_olivia, _mallory, Ct)).Succeeded);
        using var olivia = new HubRecorder(_services.Get<IMessengerHub>(), _olivia);
        using var frank = new HubRecorder(_services.Get<IMessengerHub>(), _frank);

        await _services.Get<TypingTracker>().ReportAsync(_mallory, groupId, Ct);
        await _services.Get<ProfileService>().UpdateAsync(_mallory, new ProfileUpdate("Olivia O.", null), Ct);
        var sent = GroupTestBed.Ok(await Chat.SendAsync(_mallory, groupId, Guid.NewGuid(), "it's me", ct: Ct));

        Assert.All(olivia.OfType<TypingChanged>(), t => Assert.DoesNotContain(t.Typists, x => x.UserId == _mallory));
        Assert.Contains(frank.OfType<TypingChanged>(), t => t.Typists.Any(x => x.UserId == _mallory));
        Assert.DoesNotContain(olivia.OfType<ProfileChanged>(), p => p.UserId == _mallory);
        Assert.Empty(_services.Get<TypingTracker>().In([groupId], _olivia).Typing.Values.SelectMany(t => t.Typists));
        Assert.Null(await _services.Get<NotificationService>().ForAsync(_olivia, sent, Ct));
        var seen = (await Groups.OpenAsync(_olivia, groupId, Ct))!.Conversation;
        Assert.True(seen.HasBlocked(_mallory));
        Assert.True(seen.People[_mallory] is { Hidden: true, DisplayName: null, AvatarId: null });
        Assert.False((await Groups.OpenAsync(_frank, groupId, Ct))!.Conversation.HasBlocked(_mallory));
    }

    [Fact]
    public async Task A_display_name_copying_a_members_name_or_username_shows_with_usernames_in_previews_and_notifications()
    {
        var groupId = GroupTestBed.Ok(await Groups.CreateAsync(_frank, "Friends", ["olivia", "mallory"], Ct));
        Assert.True(await _services.Get<SafetyService>().AcceptAsync(_mallory, groupId, Ct));
        await _services.Get<ProfileService>().UpdateAsync(_mallory, new ProfileUpdate("Frank F.", null), Ct);
        var sent = GroupTestBed.Ok(await Chat.SendAsync(_mallory, groupId, Guid.NewGuid(), "send me the codes", ct: Ct));

        Assert.Equal("Frank F. @mallory", Assert.Single(await Lists.ListAsync(_olivia, Ct), c => c.Id == groupId).LastMessageSenderName);
        Assert.StartsWith("Frank F. @mallory: ", (await _services.Get<NotificationService>().ForAsync(_olivia, sent, Ct))!.Body);
    }

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();
}
