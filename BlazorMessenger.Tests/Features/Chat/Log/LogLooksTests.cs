using BlazorMessenger.Data;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Chat.Log;
using BlazorMessenger.Features.Receipts;

namespace BlazorMessenger.Tests.Features.Chat.Log;

/// <summary>How the log draws its messages, without a renderer: days, runs, names, the highlight and the ticks.</summary>
public sealed class LogLooksTests
{
    private static readonly DateTime Morning = new(2026, 11, 25, 9, 0, 0, DateTimeKind.Utc);

    private static ChatMessage Message(long seq, string sender, DateTime? at = null, MessageKind kind = MessageKind.Text, bool deleted = false) =>
        new(seq, 1, seq, sender, Guid.NewGuid(), kind, $"message {seq}", at ?? Morning.AddMinutes(seq), null,
            DeletedUtc: deleted ? Morning : null);

    [Fact]
    public void A_day_starts_at_the_first_message_and_at_each_of_the_readers_midnights()
    {
        // 23:30 UTC is already the next day in Berlin.
        ChatMessage[] messages = [Message(1, "bob"), Message(2, "bob", Morning.AddHours(14.5)), Message(3, "bob", Morning.AddHours(14.6))];
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

        Assert.Equal([true, false, false], Enumerable.Range(0, 3).Select(i => LogLooks.StartsDay(messages, i, TimeZoneInfo.Utc)));
        Assert.Equal([true, true, false], Enumerable.Range(0, 3).Select(i => LogLooks.StartsDay(messages, i, berlin)));
    }

    [Fact]
    public void A_run_starts_after_someone_else_a_system_line_or_a_new_day_and_in_a_group_shows_the_others_names()
    {
        ChatMessage[] messages =
        [
            Message(1, "bob"), Message(2, "bob"), Message(3, "me"), Message(4, "me"),
            Message(5, "", kind: MessageKind.System), Message(6, "bob"), Message(7, "bob"),
        ];
        var looks = new LogLooks("me", isGroup: true);

        var drawn = Enumerable.Range(0, messages.Length).Select(i => looks.Of(messages, i, startsDay: i == 0 || i == 6, highlightSeq: 4)).ToList();

        Assert.Equal(BubbleLook.StartsRun | BubbleLook.ShowsName, drawn[0]);
        Assert.Equal(BubbleLook.None, drawn[1]);
        Assert.Equal(BubbleLook.StartsRun | BubbleLook.Sent, drawn[2]);
        Assert.Equal(BubbleLook.Highlighted | BubbleLook.Sent, drawn[3]);
        Assert.Equal(BubbleLook.StartsRun | BubbleLook.ShowsName, drawn[5]);
        Assert.Equal(BubbleLook.StartsRun | BubbleLook.ShowsName, drawn[6]);
        Assert.Equal(BubbleLook.StartsRun, new LogLooks("me", isGroup: false).Of(messages, 0, startsDay: true, highlightSeq: null));
    }

    [Fact]
    public void Only_ones_own_stored_messages_carry_ticks_from_the_other_members_positions()
    {
        var looks = new LogLooks("me", isGroup: false)
        {
            Receipts = new ReceiptPositions(new Dictionary<string, MemberPosition> { ["bob"] = new("bob", Delivered: 3, Read: 2) }),
        };

        Assert.Equal(ReceiptStatus.Read, looks.ReceiptOf(Message(2, "me")));
        Assert.Equal(ReceiptStatus.Delivered, looks.ReceiptOf(Message(3, "me")));
        Assert.Equal(ReceiptStatus.Sent, looks.ReceiptOf(Message(4, "me")));
        Assert.Null(looks.ReceiptOf(Message(2, "bob")));
        Assert.Null(looks.ReceiptOf(Message(2, "me", deleted: true)));

        looks.Receipts = looks.Receipts.With(new MemberPosition("bob", 4, 4));
        Assert.Equal(BubbleLook.StartsRun | BubbleLook.Read, looks.Of([Message(4, "me")], 0, startsDay: true, highlightSeq: null));
    }
}
