using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Chat.Pins;
using BlazorMessenger.Features.Chat.Reactions;
using BlazorMessenger.Features.Shared;
using BlazorMessenger.Realtime;
using BlazorMessenger.Tests.Features.Groups;
using BlazorMessenger.Tests.TestSupport;

namespace BlazorMessenger.Tests.Features.Chat.Reactions;

[BothDatabases]
public sealed class ReactionAndPinTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reacting_twice_keeps_one_reaction_and_taking_it_back_removes_it_live_for_both()
    {
        await using var bed = await ChatTestBed.CreateAsync();
        var reactions = bed.Services.Get<ReactionService>();
        var message = await bed.SendAsync(bed.Bob, "pizza?");
        using var bob = new HubRecorder(bed.Hub, bed.Bob);

        await reactions.SetAsync(bed.Alice, message.Id, "🍕", true, Ct);
        var twice = await reactions.SetAsync(bed.Alice, message.Id, "🍕", true, Ct);
        await reactions.SetAsync(bed.Bob, message.Id, "🍕", true, Ct);

        Assert.Equal([bed.Alice], Assert.Single(twice.Value!).UserIds);
        Assert.Equal([bed.Alice, bed.Bob], (await ReadAsync(bed, message.Id)).Reactions!.Single().UserIds);
        Assert.Equal(2, bob.OfType<ReactionsChanged>().Count);

        await reactions.SetAsync(bed.Alice, message.Id, "🍕", false, Ct);
        Assert.Equal([bed.Bob], (await ReadAsync(bed, message.Id)).Reactions!.Single().UserIds);
    }

    [Fact]
    public async Task A_message_takes_at_most_the_configured_number_of_different_emoji_and_only_emoji()
    {
        await using var bed = await ChatTestBed.CreateAsync(new Dictionary<string, string?> { ["Messenger:Messages:MaxReactionEmoji"] = "2" });
        var reactions = bed.Services.Get<ReactionService>();
        var message = await bed.SendAsync(bed.Bob, "vote");

        Assert.True((await reactions.SetAsync(bed.Alice, message.Id, "👍", true, Ct)).Succeeded);
        Assert.True((await reactions.SetAsync(bed.Bob, message.Id, "👎", true, Ct)).Succeeded);
        var third = await reactions.SetAsync(bed.Alice, message.Id, "🤷", true, Ct);
        var same = await reactions.SetAsync(bed.Bob, message.Id, "👍", true, Ct);
        var text = await reactions.SetAsync(bed.Alice, message.Id, "ok", true, Ct);
        var two = await reactions.SetAsync(bed.Alice, message.Id, "👍👍", true, Ct);

        Assert.Equal(reactions.TooMany, third.Error);
        Assert.True(same.Succeeded);
        Assert.Equal(ReactionService.NotAnEmoji, text.Error);
        Assert.Equal(ReactionService.NotAnEmoji, two.Error);
    }

    [Fact]
    public async Task Strangers_cannot_react()
    {
        await using var bed = await ChatTestBed.CreateAsync();
        var message = await bed.SendAsync(bed.Bob, "between us");

        await Assert.ThrowsAsync<NotAMemberException>(() => bed.Services.Get<ReactionService>().SetAsync(bed.Carol, message.Id, "👀", true, Ct));
    }

    [Fact]
    public async Task The_recipient_of_an_unaccepted_request_cannot_react_or_pin_so_the_stranger_learns_nothing()
    {
        await using var bed = await ChatTestBed.CreateAsync();
        var request = (await bed.Services.Get<BlazorMessenger.Features.Contacts.ContactService>().AddAsync(bed.Carol, "alice", Ct)).Value!.ConversationId;
        var hello = (await bed.Chat.SendAsync(bed.Carol, request, Guid.NewGuid(), "hi, it's carol", ct: Ct)).Value!;

        var reacted = await bed.Services.Get<ReactionService>().SetAsync(bed.Alice, hello.Id, "👍", true, Ct);
        var pinned = await bed.Services.Get<PinService>().SetAsync(bed.Alice, hello.Id, true, Ct);

        Assert.Equal(Membership.AcceptFirst, reacted.Error);
        Assert.Equal(Membership.AcceptFirst, pinned.Error);
    }

    [Fact]
    public async Task A_conversation_holds_at_most_the_configured_pins_and_they_list_newest_first()
    {
        await using var bed = await ChatTestBed.CreateAsync(new Dictionary<string, string?> { ["Messenger:Messages:MaxPins"] = "2" });
        var pins = bed.Services.Get<PinService>();
        var (a, b, c) = (await bed.SendAsync(bed.Bob, "a"), await bed.SendAsync(bed.Alice, "b"), await bed.SendAsync(bed.Bob, "c"));

        Assert.True((await pins.SetAsync(bed.Alice, a.Id, true, Ct)).Succeeded);
        Assert.True((await pins.SetAsync(bed.Bob, b.Id, true, Ct)).Succeeded);
        var third = await pins.SetAsync(bed.Alice, c.Id, true, Ct);

        Assert.Equal(pins.TooMany, third.Error);
        Assert.Equal([b.Id, a.Id], (await pins.ListAsync(bed.Bob, bed.ConversationId, Ct)).Select(p => p.Id));
        Assert.True((await pins.SetAsync(bed.Bob, a.Id, false, Ct)).Succeeded);
        Assert.True((await pins.SetAsync(bed.Alice, c.Id, true, Ct)).Succeeded);
        Assert.Equal([c.Id, b.Id], (await pins.ListAsync(bed.Alice, bed.ConversationId, Ct)).Select(p => p.Id));
    }

    [Fact]
    public async Task In_a_group_only_admins_pin_unless_the_group_lets_every_member()
    {
        await using var bed = await GroupTestBed.CreateAsync();
        var pins = bed.Services.Get<PinService>();
        var message = await bed.SendAsync(bed.Mia, "meet at 9");

        var byMember = await pins.SetAsync(bed.Mia, message.Id, true, Ct);
        var byAdmin = await pins.SetAsync(bed.Adam, message.Id, true, Ct);

        Assert.Equal(PinService.AdminsOnly, byMember.Error);
        Assert.True(byAdmin.Succeeded);
        Assert.False(await pins.CanPinAsync(bed.Mia, bed.GroupId, Ct));
        Assert.True(await pins.CanPinAsync(bed.Olive, bed.GroupId, Ct));
        await Assert.ThrowsAsync<NotAMemberException>(() => pins.SetAsync(bed.Sam, message.Id, false, Ct));
    }

    [Fact]
    public async Task Deleting_a_pinned_message_unpins_it()
    {
        await using var bed = await ChatTestBed.CreateAsync();
        var pins = bed.Services.Get<PinService>();
        var message = await bed.SendAsync(bed.Bob, "temporary");
        await pins.SetAsync(bed.Alice, message.Id, true, Ct);

        await bed.Changes.DeleteAsync(bed.Bob, message.Id, Ct);

        Assert.Empty(await pins.ListAsync(bed.Alice, bed.ConversationId, Ct));
    }

    private static async Task<ChatMessage> ReadAsync(ChatTestBed bed, long id) =>
        (await bed.Chat.GetAfterAsync(bed.Alice, bed.ConversationId, 0, Ct)).Single(m => m.Id == id);
}
