using BlazorMessenger.Data;
using BlazorMessenger.Features.Contacts;
using BlazorMessenger.Features.Presence;
using BlazorMessenger.Realtime;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace BlazorMessenger.Tests.Features.Presence;

[BothDatabases]
public sealed class PresenceTrackerTests
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Online_while_any_circuit_is_connected_and_offline_after_the_grace_period_with_last_seen_stored()
    {
        await using var services = await TestServices.CreateAsync(time: _time);
        var (alice, bob) = await services.ContactsAsync();
        using var bobsTab = new HubRecorder(services.Get<IMessengerHub>(), bob);
        var tracker = services.Get<PresenceTracker>();

        tracker.ConnectionUp(alice);
        tracker.ConnectionUp(alice);
        await Eventually.TrueAsync(() => bobsTab.Events.Count == 1, "the online announcement");
        tracker.ConnectionDown(alice);
        _time.Advance(Grace);
        Assert.True(tracker.IsOnline(alice));

        tracker.ConnectionDown(alice);
        _time.Advance(Grace);
        await Eventually.TrueAsync(() => bobsTab.OfType<PresenceChanged>().Any(p => !p.IsOnline), "the offline announcement");

        Assert.False(tracker.IsOnline(alice));
        Assert.Equal([true, false], bobsTab.OfType<PresenceChanged>().Select(p => p.IsOnline));
        Assert.Equal(_time.GetUtcNow().UtcDateTime, await services.LastSeenAsync(alice));
    }

    [Fact]
    public async Task A_reconnect_within_the_grace_period_is_no_presence_change()
    {
        await using var services = await TestServices.CreateAsync(time: _time);
        var (alice, bob) = await services.ContactsAsync();
        using var bobsTab = new HubRecorder(services.Get<IMessengerHub>(), bob);
        var tracker = services.Get<PresenceTracker>();
        tracker.ConnectionUp(alice);
        await Eventually.TrueAsync(() => bobsTab.Events.Count == 1, "the online announcement");

        tracker.ConnectionDown(alice);
        _time.Advance(Grace - TimeSpan.FromMilliseconds(1));
        tracker.ConnectionUp(alice);
        _time.Advance(Grace * 2);

        Assert.True(tracker.IsOnline(alice));
        Assert.Equal([true], bobsTab.OfType<PresenceChanged>().Select(p => p.IsOnline));
        Assert.Null(await services.LastSeenAsync(alice));
    }

    [Fact]
    public async Task An_offline_overtaken_by_a_reconnect_while_it_was_being_announced_never_ends_as_offline()
    {
        await using var services = await TestServices.CreateAsync(settings: TestServices.OnSqlite, time: _time);
        var (alice, bob) = await services.ContactsAsync();
        using var bobsTab = new HubRecorder(services.Get<IMessengerHub>(), bob);
        var tracker = services.Get<PresenceTracker>();
        tracker.ConnectionUp(alice);
        await Eventually.TrueAsync(() => bobsTab.Events.Count == 1, "the online announcement");

        await using (await HeldWriteLock.TakeAsync(services.DataDirectory))
        {
            // The offline change starts announcing and waits for the database (it stores the last-seen time first).
            tracker.ConnectionDown(alice);
            _time.Advance(Grace);
            await Eventually.TrueAsync(() => !tracker.IsOnline(alice), "the grace period ending");
            tracker.ConnectionUp(alice);
            Assert.True(tracker.IsOnline(alice));
        }

        await Eventually.TrueAsync(() => bobsTab.Events.Count == 2, "the announcement after the reconnect");
        Assert.True(tracker.IsOnline(alice));

        // Leaving for real afterwards is announced once, after everything before it.
        tracker.ConnectionDown(alice);
        _time.Advance(Grace);
        await Eventually.TrueAsync(() => bobsTab.Events.Count == 3, "the later offline announcement");
        Assert.Equal([true, true, false], bobsTab.OfType<PresenceChanged>().Select(p => p.IsOnline));
        Assert.Equal(_time.GetUtcNow().UtcDateTime, await services.LastSeenAsync(alice));
    }

    [Fact]
    public async Task Many_quick_changes_end_announced_and_stored_in_the_last_state()
    {
        await using var services = await TestServices.CreateAsync(time: _time);
        var (alice, bob) = await services.ContactsAsync();
        using var bobsTab = new HubRecorder(services.Get<IMessengerHub>(), bob);
        var tracker = services.Get<PresenceTracker>();

        for (var i = 0; i < 20; i++)
        {
            tracker.ConnectionUp(alice);
            tracker.ConnectionDown(alice);
            _time.Advance(Grace);
        }

        await Eventually.TrueAsync(async () => await services.LastSeenAsync(alice) == _time.GetUtcNow().UtcDateTime, "the last offline stored");
        await Eventually.TrueAsync(() => bobsTab.OfType<PresenceChanged>().LastOrDefault() is { IsOnline: false }, "the last offline announced");
        Assert.False(tracker.IsOnline(alice));
        Assert.Equal(0, tracker.OnlineCount);
    }

    [Fact]
    public async Task Presence_reaches_only_people_who_share_a_conversation()
    {
        await using var services = await TestServices.CreateAsync(time: _time);
        var (alice, bob) = await services.ContactsAsync();
        var stranger = await services.CreateUserAsync("stranger");
        using var strangersTab = new HubRecorder(services.Get<IMessengerHub>(), stranger);
        using var bobsTab = new HubRecorder(services.Get<IMessengerHub>(), bob);

        services.Get<PresenceTracker>().ConnectionUp(alice);
        await Eventually.TrueAsync(() => bobsTab.OfType<PresenceChanged>().Any(p => p.UserId == alice && p.IsOnline), "the online announcement");

        Assert.Empty(strangersTab.Events);
    }
}
