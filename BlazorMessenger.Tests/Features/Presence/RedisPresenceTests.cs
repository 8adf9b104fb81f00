using BlazorMessenger.Data;
using BlazorMessenger.Features.Contacts;
using BlazorMessenger.Features.Presence;
using BlazorMessenger.Realtime;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace BlazorMessenger.Tests.Features.Presence;

public sealed class RedisPresenceTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    private readonly FakeTimeProvider _timeOfA = new(Start);
    private readonly FakeTimeProvider _timeOfB = new(Start);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_person_is_online_while_any_instance_has_a_circuit_of_theirs()
    {
        await using var instances = await RedisInstances.CreateAsync(timeOfA: _timeOfA, timeOfB: _timeOfB);
        var (alice, bob) = await instances.A.ContactsAsync();
        var (onA, onB) = (instances.A.Get<PresenceTracker>(), instances.B.Get<PresenceTracker>());
        using var bobsTab = new HubRecorder(instances.B.Get<IMessengerHub>(), bob);

        onA.ConnectionUp(alice);
        await Eventually.TrueAsync(() => bobsTab.OfType<PresenceChanged>().Any(), "alice online, told on B");
        Assert.True(onB.IsOnline(alice));

        // She opens a tab on B and closes the one on A: still online, nothing to tell.
        onB.ConnectionUp(alice);
        await Eventually.TrueAsync(() => instances.HoldsAsync(instances.B, alice), "B reporting her");
        onA.ConnectionDown(alice);
        _timeOfA.Advance(Grace);
        await Eventually.TrueAsync(async () => !await instances.HoldsAsync(instances.A, alice), "A letting go");
        onB.ConnectionDown(alice);
        _timeOfB.Advance(Grace);

        await Eventually.TrueAsync(() => bobsTab.OfType<PresenceChanged>().Any(p => !p.IsOnline), "alice offline everywhere");
        Assert.Equal([true, false], bobsTab.OfType<PresenceChanged>().Select(p => p.IsOnline));
        await Eventually.TrueAsync(() => !onA.IsOnline(alice), "A hearing she left");
        Assert.Equal(_timeOfB.GetUtcNow().UtcDateTime, await instances.A.LastSeenAsync(alice));
    }

    [Fact]
    public async Task Leaving_one_instance_while_online_on_another_stores_no_last_seen()
    {
        await using var instances = await RedisInstances.CreateAsync(timeOfA: _timeOfA, timeOfB: _timeOfB);
        var (alice, bob) = await instances.A.ContactsAsync();
        var (onA, onB) = (instances.A.Get<PresenceTracker>(), instances.B.Get<PresenceTracker>());
        using var bobsTab = new HubRecorder(instances.A.Get<IMessengerHub>(), bob);
        onB.ConnectionUp(alice);
        await Eventually.TrueAsync(() => onA.IsOnline(alice), "A hearing alice is online");

        onA.ConnectionUp(alice);
        await Eventually.TrueAsync(() => instances.HoldsAsync(instances.A, alice), "A reporting her");
        onA.ConnectionDown(alice);
        _timeOfA.Advance(Grace);
        await Eventually.TrueAsync(async () => !await instances.HoldsAsync(instances.A, alice), "A letting go");

        Assert.True(onA.IsOnline(alice));
        Assert.Null(await instances.A.LastSeenAsync(alice));
        Assert.Equal([true], bobsTab.OfType<PresenceChanged>().Select(p => p.IsOnline));
    }

    [Fact]
    public async Task The_people_of_an_instance_that_stopped_beating_go_offline_on_the_others()
    {
        await using var instances = await RedisInstances.CreateAsync(timeOfA: _timeOfA, timeOfB: _timeOfB);
        var (alice, bob) = await instances.A.ContactsAsync();
        var onA = instances.A.Get<PresenceTracker>();
        using var bobsTab = new HubRecorder(instances.A.Get<IMessengerHub>(), bob);
        instances.B.Get<PresenceTracker>().ConnectionUp(alice);
        await Eventually.TrueAsync(() => onA.IsOnline(alice), "A hearing alice is online on B");

        // B is killed: its clock stops, so it never beats again. A beats every 5 seconds and gives up on B after 15.
        for (var i = 0; i < 4; i++)
        {
            _timeOfA.Advance(TimeSpan.FromSeconds(5));
            await instances.A.Get<RedisPresence>().BeatAsync();
        }

        await Eventually.TrueAsync(() => !onA.IsOnline(alice), "alice offline on A");
        await Eventually.TrueAsync(() => bobsTab.OfType<PresenceChanged>().Any(p => !p.IsOnline), "bob told");
        // She was last seen when B last beat.
        Assert.Equal(Start.UtcDateTime, await instances.A.LastSeenAsync(alice));
    }

    [Fact]
    public async Task A_disposed_presence_stops_listening_to_the_other_instances()
    {
        await using var instances = await RedisInstances.CreateAsync(timeOfA: _timeOfA, timeOfB: _timeOfB);
        instances.A.Get<PresenceTracker>();
        instances.B.Get<PresenceTracker>();
        await Eventually.TrueAsync(async () => await instances.ListenersAsync("presence") == 2, "both instances listening");

        instances.A.Get<RedisPresence>().Dispose();

        await Eventually.TrueAsync(async () => await instances.ListenersAsync("presence") == 1, "only B listening");
    }

    [Fact]
    public async Task Without_Redis_the_shared_presence_stays_out_of_the_way()
    {
        await using var services = await TestServices.CreateAsync(time: _timeOfA);

        Assert.False(services.Get<RedisPresence>().Enabled);
        services.Get<PresenceTracker>().ConnectionUp("alice");
        Assert.True(services.Get<PresenceTracker>().IsOnline("alice"));
    }
}
