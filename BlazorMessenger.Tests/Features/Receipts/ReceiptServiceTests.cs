using BlazorMessenger.Features.Receipts;
using BlazorMessenger.Features.Settings;
using BlazorMessenger.Features.Shared;
using BlazorMessenger.Realtime;
using BlazorMessenger.Tests.Features.Chat;
using BlazorMessenger.Tests.Features.Groups;
using BlazorMessenger.Tests.TestSupport;

namespace BlazorMessenger.Tests.Features.Receipts;

[BothDatabases]
public sealed class ReceiptServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_message_goes_from_sent_to_delivered_to_read_and_the_sender_hears_each_step()
    {
        await using var bed = await ChatTestBed.CreateAsync();
        using var alice = new HubRecorder(bed.Hub, bed.Alice);
        var message = await bed.SendAsync(bed.Alice, "hello");
        Assert.Equal(ReceiptStatus.Sent, (await bed.Receipts.PositionsAsync(bed.Alice, bed.ConversationId, Ct)).StatusOf(message.Seq));

        await bed.Receipts.MarkDeliveredAsync(bed.Bob, new Dictionary<long, long> { [bed.ConversationId] = message.Seq }, Ct);
        Assert.Equal(ReceiptStatus.Delivered, (await bed.Receipts.PositionsAsync(bed.Alice, bed.ConversationId, Ct)).StatusOf(message.Seq));

        await bed.Receipts.MarkReadAsync(bed.Bob, bed.ConversationId, message.Seq, Ct);
        var positions = await bed.Receipts.PositionsAsync(bed.Alice, bed.ConversationId, Ct);
        Assert.Equal(ReceiptStatus.Read, positions.StatusOf(message.Seq));
        Assert.Equal(ReceiptStatus.Sent, positions.StatusOf(message.Seq + 1));

        var moves = alice.OfType<ReceiptMoved>();
        Assert.Equal([(message.Seq, (long?)0), (message.Seq, message.Seq)], moves.Select(m => (m.Position.Delivered, m.Position.Read)));
        Assert.All(moves, m => Assert.Equal(bed.Bob, m.Position.UserId));
    }

    [Fact]
    public async Task Positions_never_move_back_nor_past_the_last_message_and_reading_delivers()
    {
        await using var bed = await ChatTestBed.CreateAsync();
        var first = await bed.SendAsync(bed.Alice, "one");
        var second = await bed.SendAsync(bed.Alice, "two");

        Assert.Equal(second.Seq, await bed.Receipts.MarkReadAsync(bed.Bob, bed.ConversationId, 999, Ct));
        Assert.Equal(second.Seq, await bed.Receipts.MarkReadAsync(bed.Bob, bed.ConversationId, first.Seq, Ct));
        await bed.Receipts.MarkDeliveredAsync(bed.Bob, new Dictionary<long, long> { [bed.ConversationId] = first.Seq }, Ct);

        var bob = (await bed.Receipts.PositionsAsync(bed.Alice, bed.ConversationId, Ct)).Others[bed.Bob];
        Assert.Equal((second.Seq, (long?)second.Seq), (bob.Delivered, bob.Read));
    }

    [Fact]
    public async Task Someone_outside_the_conversation_can_neither_mark_it_nor_see_its_positions()
    {
        await using var bed = await ChatTestBed.CreateAsync();
        var message = await bed.SendAsync(bed.Alice, "private");

        await Assert.ThrowsAsync<NotAMemberException>(() => bed.Receipts.MarkReadAsync(bed.Carol, bed.ConversationId, message.Seq, Ct));
        await Assert.ThrowsAsync<NotAMemberException>(() => bed.Receipts.PositionsAsync(bed.Carol, bed.ConversationId, Ct));
        await Assert.ThrowsAsync<NotAMemberException>(() => bed.Receipts.MessageInfoAsync(bed.Carol, message.Id, Ct));

        // A delivery report for a conversation one is not in changes nothing and fails nothing else in it.
        await bed.Receipts.MarkDeliveredAsync(bed.Carol, new Dictionary<long, long> { [bed.ConversationId] = message.Seq }, Ct);
        Assert.Equal(ReceiptStatus.Sent, (await bed.Receipts.PositionsAsync(bed.Alice, bed.ConversationId, Ct)).StatusOf(message.Seq));
    }

    [Fact]
    public async Task Turning_read_receipts_off_hides_ones_reads_from_others_and_theirs_from_oneself()
    {
        await using var bed = await ChatTestBed.CreateAsync();
        using var alice = new HubRecorder(bed.Hub, bed.Alice);
        var fromAlice = await bed.SendAsync(bed.Alice, "to bob");
        var fromBob = await bed.SendAsync(bed.Bob, "to alice");
        // His reply marked hers read while he still shared reads; from here on nothing more may show it.
        await Eventually.TrueAsync(() => alice.OfType<ReceiptMoved>().Any(m => m.Position.Read >= fromAlice.Seq), "bob's reply marking hers read");
        var movesBefore = alice.OfType<ReceiptMoved>().Count();

        var settings = bed.Services.Get<SettingsService>();
        await settings.UpdateAsync(bed.Bob, await settings.GetAsync(bed.Bob, Ct) with { SendReadReceipts = false }, Ct);
        Assert.False((await settings.GetAsync(bed.Bob, Ct)).SendReadReceipts);
        Assert.Single(alice.OfType<ReceiptPrivacyChanged>());
        await bed.Receipts.MarkReadAsync(bed.Bob, bed.ConversationId, fromAlice.Seq, Ct);
        await bed.Receipts.MarkReadAsync(bed.Alice, bed.ConversationId, fromBob.Seq, Ct);

        // Alice sees her message delivered, never read; the event she got carries no read position either.
        Assert.Equal(ReceiptStatus.Delivered, (await bed.Receipts.PositionsAsync(bed.Alice, bed.ConversationId, Ct)).StatusOf(fromAlice.Seq));
        Assert.All(alice.OfType<ReceiptMoved>().Skip(movesBefore), m => Assert.Null(m.Position.Read));
        // Bob, who shares nothing, sees no one's reads: alice's read of his message shows as delivered.
        Assert.Equal(ReceiptStatus.Delivered, (await bed.Receipts.PositionsAsync(bed.Bob, bed.ConversationId, Ct)).StatusOf(fromBob.Seq));

        await settings.UpdateAsync(bed.Bob, await settings.GetAsync(bed.Bob, Ct) with { SendReadReceipts = true }, Ct);
        Assert.Equal(ReceiptStatus.Read, (await bed.Receipts.PositionsAsync(bed.Alice, bed.ConversationId, Ct)).StatusOf(fromAlice.Seq));
        Assert.Equal(ReceiptStatus.Read, (await bed.Receipts.PositionsAsync(bed.Bob, bed.ConversationId, Ct)).StatusOf(fromBob.Seq));
    }

    [Fact]
    public async Task In_a_group_ticks_need_every_current_member_and_message_info_says_who_and_when()
    {
        await using var bed = await GroupTestBed.CreateAsync();
        var before = DateTime.UtcNow.AddSeconds(-1);
        var message = await bed.SendAsync(bed.Olive, "plans");

        await bed.Receipts.MarkReadAsync(bed.Adam, bed.GroupId, message.Seq, GroupTestBed.Ct);
        Assert.Equal(ReceiptStatus.Sent, (await bed.Receipts.PositionsAsync(bed.Olive, bed.GroupId, Ct)).StatusOf(message.Seq));
        await bed.Receipts.MarkDeliveredAsync(bed.Mia, new Dictionary<long, long> { [bed.GroupId] = message.Seq }, Ct);
        Assert.Equal(ReceiptStatus.Delivered, (await bed.Receipts.PositionsAsync(bed.Olive, bed.GroupId, Ct)).StatusOf(message.Seq));

        var info = (await bed.Receipts.MessageInfoAsync(bed.Olive, message.Id, Ct))!;
        Assert.Equal(["adam", "mia"], info.Select(m => m.Name));
        var (adam, mia) = (info[0], info[1]);
        Assert.True(adam.Read && adam.Delivered);
        Assert.InRange(adam.ReadUtc!.Value, before, DateTime.UtcNow);
        Assert.True(mia.Delivered);
        Assert.False(mia.Read);
        Assert.Null(mia.ReadUtc);
        Assert.InRange(mia.DeliveredUtc!.Value, before, DateTime.UtcNow);
        // Only the sender asks who read their message; rita, removed before it, is not listed.
        Assert.Null(await bed.Receipts.MessageInfoAsync(bed.Mia, message.Id, Ct));
        Assert.DoesNotContain(info, m => m.UserId == bed.Rita);

        await bed.Receipts.MarkReadAsync(bed.Mia, bed.GroupId, message.Seq, Ct);
        Assert.Equal(ReceiptStatus.Read, (await bed.Receipts.PositionsAsync(bed.Olive, bed.GroupId, Ct)).StatusOf(message.Seq));
    }

    [Fact]
    public async Task Someone_added_after_a_message_neither_holds_its_ticks_back_nor_appears_in_its_info()
    {
        await using var bed = await GroupTestBed.CreateAsync();
        var message = await bed.SendAsync(bed.Olive, "early");
        await bed.Receipts.MarkReadAsync(bed.Adam, bed.GroupId, message.Seq, Ct);
        await bed.Receipts.MarkReadAsync(bed.Mia, bed.GroupId, message.Seq, Ct);

        GroupTestBed.Ok(await bed.Groups.AddMembersAsync(bed.Olive, bed.GroupId, ["sam"], Ct));

        Assert.Equal(ReceiptStatus.Read, (await bed.Receipts.PositionsAsync(bed.Olive, bed.GroupId, Ct)).StatusOf(message.Seq));
        Assert.DoesNotContain((await bed.Receipts.MessageInfoAsync(bed.Olive, message.Id, Ct))!, m => m.UserId == bed.Sam);
    }

    [Fact]
    public async Task Someone_who_left_a_group_sees_no_ones_receipts_in_it_any_more()
    {
        await using var bed = await GroupTestBed.CreateAsync();
        var before = await bed.SendAsync(bed.Mia, "x");
        await bed.Receipts.MarkReadAsync(bed.Adam, bed.GroupId, before.Seq, Ct);
        Assert.NotNull(await bed.Receipts.MessageInfoAsync(bed.Mia, before.Id, Ct));
        GroupTestBed.Ok(await bed.Groups.RemoveMemberAsync(bed.Olive, bed.GroupId, bed.Mia, Ct));

        Assert.Empty((await bed.Receipts.PositionsAsync(bed.Mia, bed.GroupId, Ct)).Others);
        Assert.Null(await bed.Receipts.MessageInfoAsync(bed.Mia, before.Id, Ct));
    }

    [Fact]
    public void A_group_message_is_read_only_once_every_member_has_it_even_those_keeping_their_reads_to_themselves()
    {
        var positions = new ReceiptPositions(new Dictionary<string, MemberPosition>
        {
            ["b"] = new("b", 10, 10),
            ["c"] = new("c", 8, null),
        });

        Assert.Equal(ReceiptStatus.Read, positions.StatusOf(8));
        Assert.Equal(ReceiptStatus.Sent, positions.StatusOf(9));
        Assert.Equal(ReceiptStatus.Read, positions.With(new("c", 10, null)).StatusOf(10));
        Assert.Equal(ReceiptStatus.Delivered, new ReceiptPositions(new Dictionary<string, MemberPosition> { ["c"] = new("c", 10, null) }).StatusOf(10));
    }

    [Fact]
    public async Task Marks_from_many_readers_at_once_all_land()
    {
        await using var bed = await GroupTestBed.CreateAsync();
        var messages = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            messages.Add((await bed.SendAsync(bed.Olive, $"m{i}")).Seq);
        }

        await Task.WhenAll(messages.SelectMany(seq => new[]
        {
            bed.Receipts.MarkReadAsync(bed.Adam, bed.GroupId, seq, Ct),
            bed.Receipts.MarkDeliveredAsync(bed.Mia, new Dictionary<long, long> { [bed.GroupId] = seq }, Ct),
        }));

        var positions = await bed.Receipts.PositionsAsync(bed.Olive, bed.GroupId, Ct);
        Assert.Equal((messages[^1], (long?)messages[^1]), (positions.Others[bed.Adam].Delivered, positions.Others[bed.Adam].Read));
        Assert.Equal(messages[^1], positions.Others[bed.Mia].Delivered);
    }
}
