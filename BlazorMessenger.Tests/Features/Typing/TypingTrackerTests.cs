using BlazorMessenger.Features.Shared;
using BlazorMessenger.Features.Typing;
using BlazorMessenger.Realtime;
using BlazorMessenger.Tests.Features.Chat;
using BlazorMessenger.Tests.Features.Groups;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace BlazorMessenger.Tests.Features.Typing;

[BothDatabases]
public sealed class TypingTrackerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_report_shows_the_typist_until_five_seconds_after_the_last_one()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var bed = await ChatTestBed.CreateAsync(time: time);
        var typing = bed.Services.Get<TypingTracker>();
        using var bob = new HubRecorder(bed.Hub, bed.Bob);

        Assert.True(await typing.ReportAsync(bed.Alice, bed.ConversationId, Ct));
        var started = Assert.Single(bob.OfType<TypingChanged>());
        Assert.Equal([new Typist(bed.Alice, "Alice A.")], started.Typists);
        Assert.Equal("Alice A. is typing…", TypingText.Of(started.Typists, bed.Bob));
        Assert.Null(TypingText.Of(started.Typists, bed.Alice));

        // A report three seconds later keeps her typing (and tells nobody anything new) until five seconds after it.
        time.Advance(TimeSpan.FromSeconds(3));
        await typing.ReportAsync(bed.Alice, bed.ConversationId, Ct);
        time.Advance(TimeSpan.FromSeconds(3));
        Assert.Single(bob.OfType<TypingChanged>());
        Assert.Single(typing.In([bed.ConversationId], bed.Bob).Typing[bed.ConversationId].Typists);

        time.Advance(TimeSpan.FromSeconds(2));
        await Eventually.TrueAsync(() => bob.OfType<TypingChanged>().Count == 2, "The stop");
        Assert.Empty(bob.OfType<TypingChanged>()[1].Typists);
        Assert.Empty(typing.In([bed.ConversationId], bed.Bob).Typing);
    }

    [Fact]
    public async Task The_typists_message_arriving_ends_the_indicator_at_once()
    {
        await using var bed = await ChatTestBed.CreateAsync(time: new FakeTimeProvider(DateTimeOffset.UtcNow));
        var typing = bed.Services.Get<TypingTracker>();
        using var bob = new HubRecorder(bed.Hub, bed.Bob);
        await typing.ReportAsync(bed.Alice, bed.ConversationId, Ct);

        await bed.SendAsync(bed.Alice, "done typing");

        var events = bob.Events.Where(e => e is TypingChanged or MessagePosted).ToList();
        Assert.IsType<TypingChanged>(events[0]);
        Assert.IsType<MessagePosted>(events[1]);
        Assert.Empty(Assert.IsType<TypingChanged>(events[2]).Typists);
        Assert.Empty(typing.In([bed.ConversationId], bed.Bob).Typing);
    }

    [Fact]
    public async Task Typing_goes_only_to_current_members_and_strangers_cannot_report()
    {
        await using var bed = await GroupTestBed.CreateAsync(time: new FakeTimeProvider(DateTimeOffset.UtcNow));
        var typing = bed.Services.Get<TypingTracker>();
        using var rita = new HubRecorder(bed.Hub, bed.Rita);
        using var mia = new HubRecorder(bed.Hub, bed.Mia);

        await typing.ReportAsync(bed.Adam, bed.GroupId, Ct);
        await typing.ReportAsync(bed.Olive, bed.GroupId, Ct);

        Assert.Equal("adam and Olive O. are typing…", TypingText.Of(mia.OfType<TypingChanged>()[^1].Typists, bed.Mia));
        Assert.Empty(rita.OfType<TypingChanged>());
        await Assert.ThrowsAsync<NotAMemberException>(() => typing.ReportAsync(bed.Rita, bed.GroupId, Ct));
        await Assert.ThrowsAsync<NotAMemberException>(() => typing.ReportAsync(bed.Sam, bed.GroupId, Ct));
        Assert.Equal(2, typing.In([bed.GroupId], bed.Mia).Typing[bed.GroupId].Typists.Count);
    }

    [Fact]
    public async Task Reports_beyond_the_per_user_limit_are_refused()
    {
        var limits = new Dictionary<string, string?>
        {
            ["Messenger:RateLimits:TypingBurst"] = "2",
            ["Messenger:RateLimits:TypingReportsPerMinute"] = "1",
        };
        await using var bed = await ChatTestBed.CreateAsync(limits, new FakeTimeProvider(DateTimeOffset.UtcNow));
        var typing = bed.Services.Get<TypingTracker>();

        Assert.True(await typing.ReportAsync(bed.Alice, bed.ConversationId, Ct));
        Assert.True(await typing.ReportAsync(bed.Alice, bed.ConversationId, Ct));
        Assert.False(await typing.ReportAsync(bed.Alice, bed.ConversationId, Ct));
    }

    [Fact]
    public void A_screen_keeps_the_newest_version_per_conversation_whatever_order_events_arrive_in()
    {
        var view = new TypingView();
        view.Load(new TypingNow(new Dictionary<long, TypingChanged> { [1] = new(1, [new("a", "ann")], 5) }, 5));

        Assert.False(view.Apply(new TypingChanged(1, [], 4)));
        Assert.False(view.Apply(new TypingChanged(2, [new("b", "ben")], 3)));
        Assert.True(view.Apply(new TypingChanged(1, [], 7)));
        Assert.False(view.Apply(new TypingChanged(1, [new("a", "ann")], 6)));

        Assert.Null(view.In(1));
        Assert.Null(view.In(2));
    }

    [Fact]
    public void A_screen_shows_the_typists_of_every_instance_each_by_its_own_versions()
    {
        var view = new TypingView();
        view.Load(new TypingNow(new Dictionary<long, TypingChanged> { [1] = new(1, [new("a", "ann")], 5, "here") }, 5, "here"));

        // Another instance counts its own versions: a lower number from it is still news.
        Assert.True(view.Apply(new TypingChanged(1, [new("b", "ben")], 2, "there")));
        Assert.Equal(["ann", "ben"], view.In(1)!.Select(t => t.Name));
        Assert.False(view.Apply(new TypingChanged(1, [], 1, "there")));
        Assert.True(view.Apply(new TypingChanged(1, [], 6, "here")));
        Assert.Equal(["ben"], view.In(1)!.Select(t => t.Name));

        // Loading again takes this instance's typing anew and keeps what the other one said.
        view.Load(new TypingNow(new Dictionary<long, TypingChanged>(), 8, "here"));
        Assert.Equal(["ben"], view.In(1)!.Select(t => t.Name));
    }

    [Fact]
    public void Three_or_more_typists_are_counted_and_the_reader_is_never_among_them()
    {
        Typist[] typists = [new("a", "ann"), new("b", "ben"), new("c", "cal"), new("me", "me")];

        Assert.Equal("3 people are typing…", TypingText.Of(typists, "me"));
        Assert.Equal("ann and ben are typing…", TypingText.Of(typists[..2], "c"));
        Assert.Null(TypingText.Of([], "me"));
    }
}
