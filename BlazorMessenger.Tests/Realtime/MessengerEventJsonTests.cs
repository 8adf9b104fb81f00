using System.Text.Json;
using BlazorMessenger.Data;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Presence;
using BlazorMessenger.Features.Receipts;
using BlazorMessenger.Features.Typing;
using BlazorMessenger.Realtime;

namespace BlazorMessenger.Tests.Realtime;

public sealed class MessengerEventJsonTests
{
    private static readonly DateTime Noon = new(2026, 11, 26, 12, 0, 0, DateTimeKind.Utc);

    private static readonly ChatMessage Message = new(
        7, 3, 42, "alice", Guid.NewGuid(), MessageKind.Image, "look **here**", Noon, Noon.AddMinutes(1),
        new ChatImage("img1", 800, 600, 320, 240), null, 41, new ChatQuote(6, 41, "bob", MessageKind.Text, "hi", false, "a.pdf"),
        Forwarded: true, PinnedUtc: Noon.AddMinutes(2), File: new ChatFile("f1", "a.pdf", 1234, "application/pdf", 5000),
        Reactions: [new ReactionGroup("👍", ["bob", "carol"])]);

    /// <summary>One of each event, with every field set to something other than its default.</summary>
    private static readonly MessengerEvent[] Samples =
    [
        new MessagePosted(Message),
        new MessageChanged(Message with { DeletedUtc = Noon.AddHours(1), Body = "" }),
        new MessageHidden(3, 7, 41),
        new ReactionsChanged(3, 7, [new ReactionGroup("🎉", ["alice"])]),
        new PinsChanged(3, 7, Noon),
        new ConversationChanged(3, "Alice added you to Friends."),
        new ReadStateChanged(3, 41),
        new ContactsChanged(),
        new ServerRestarting(),
        new PresenceChanged("alice", true, Noon),
        new ProfileChanged("alice", "Alice A.", "avatar1", Hidden: true),
        new ReceiptMoved(3, new MemberPosition("bob", 42, 40)),
        new ReceiptPrivacyChanged("bob"),
        new TypingChanged(3, [new Typist("bob", "Bob")], 9),
        new SessionsEnded(["s1", "s2"]),
        new CatchUpNeeded(),
    ];

    [Fact]
    public void Every_event_type_has_a_sample_here()
    {
        Assert.Equal(
            MessengerEventJson.EventTypes.Select(t => t.Name),
            Samples.Select(s => s.GetType().Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_event_comes_back_as_the_same_type_with_the_same_values()
    {
        foreach (var sample in Samples)
        {
            var copy = MessengerEventJson.Deserialize<MessengerEvent>(MessengerEventJson.Serialize<MessengerEvent>(sample));

            Assert.IsType(sample.GetType(), copy);
            // Plain JSON of both sides compares nested lists by content (records compare them by reference).
            Assert.Equal(JsonSerializer.Serialize(sample, sample.GetType()), JsonSerializer.Serialize(copy, copy.GetType()));
        }
    }

    [Fact]
    public void Times_keep_their_kind_and_ticks()
    {
        var sample = new PinsChanged(1, 2, new DateTime(2026, 11, 26, 12, 0, 0, 123, DateTimeKind.Utc).AddTicks(4567));

        var copy = (PinsChanged)MessengerEventJson.Deserialize<MessengerEvent>(MessengerEventJson.Serialize<MessengerEvent>(sample));

        Assert.Equal(sample.PinnedUtc, copy.PinnedUtc);
        Assert.Equal(DateTimeKind.Utc, copy.PinnedUtc!.Value.Kind);
    }

    [Fact]
    public void A_payload_naming_a_type_that_is_no_event_is_refused()
    {
        var json = """{"$type":"Process","StartInfo":{"FileName":"sh"}}"""u8.ToArray();

        Assert.ThrowsAny<JsonException>(() => MessengerEventJson.Deserialize<MessengerEvent>(json));
    }

    [Fact]
    public void Presence_news_comes_back_with_both_audiences()
    {
        var news = new PresenceNews("alice", false, Noon, ["bob"], ["carol"]);

        var copy = MessengerEventJson.Deserialize<PresenceNews>(MessengerEventJson.Serialize(news));

        Assert.Equal(JsonSerializer.Serialize(news), JsonSerializer.Serialize(copy));
    }
}
