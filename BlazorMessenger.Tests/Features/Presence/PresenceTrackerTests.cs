using BlazorMessenger.Data;
using BlazorMessenger.Features.Contacts;
using BlazorMessenger.Features.Presence;
using BlazorMessenger.Realtime;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Tests.Features.Presence;

public sealed class PresenceTrackerTests
{
    private static readonly Dictionary<string, string?> ShortGrace = new() { ["Messenger:PresenceGraceSeconds"] = "0.2" };

    [Fact]
    public async Task Online_while_any_circuit_is_connected_and_offline_after_the_grace_period_with_last_seen_stored()
    {
        await using var services = await TestServices.CreateAsync(settings: ShortGrace);
        var (alice, bob) = await ContactsAsync(services);
        using var bobsTab = new HubRecorder(services.Get<IMessengerHub>(), bob);
        var tracker = services.Get<PresenceTracker>();

        tracker.ConnectionUp(alice);
        tracker.ConnectionUp(alice);
        tracker.ConnectionDown(alice);
        await Task.Delay(400, TestContext.Current.CancellationToken);
        Assert.True(tracker.IsOnline(alice));

        tracker.ConnectionDown(alice);
        await Eventually.TrueAsync(() => bobsTab.OfType<PresenceChanged>().Any(p => !p.IsOnline));

        Assert.False(tracker.IsOnline(alice));
        Assert.Equal([true, false], bobsTab.OfType<PresenceChanged>().Select(p => p.IsOnline));
        await using var db = await services.Get<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        Assert.NotNull((await db.Users.SingleAsync(u => u.Id == alice, TestContext.Current.CancellationToken)).LastSeenUtc);
    }

    [Fact]
    public async Task A_reconnect_within_the_grace_period_is_no_presence_change()
    {
        await using var services = await TestServices.CreateAsync(settings: ShortGrace);
        var (alice, bob) = await ContactsAsync(services);
        var tracker = services.Get<PresenceTracker>();
        tracker.ConnectionUp(alice);
        await Task.Delay(100, TestContext.Current.CancellationToken);
        using var bobsTab = new HubRecorder(services.Get<IMessengerHub>(), bob);

        tracker.ConnectionDown(alice);
        tracker.ConnectionUp(alice);
        await Task.Delay(500, TestContext.Current.CancellationToken);

        Assert.True(tracker.IsOnline(alice));
        Assert.Empty(bobsTab.OfType<PresenceChanged>());
    }

    [Fact]
    public async Task Presence_reaches_only_people_who_share_a_conversation()
    {
        await using var services = await TestServices.CreateAsync(settings: ShortGrace);
        var (alice, bob) = await ContactsAsync(services);
        var stranger = await services.CreateUserAsync("stranger");
        using var strangersTab = new HubRecorder(services.Get<IMessengerHub>(), stranger);
        using var bobsTab = new HubRecorder(services.Get<IMessengerHub>(), bob);

        services.Get<PresenceTracker>().ConnectionUp(alice);
        await Eventually.TrueAsync(() => bobsTab.OfType<PresenceChanged>().Any(p => p.UserId == alice && p.IsOnline));

        Assert.Contains(bobsTab.OfType<PresenceChanged>(), p => p.UserId == alice && p.IsOnline);
        Assert.Empty(strangersTab.Events);
    }

    private static async Task<(string Alice, string Bob)> ContactsAsync(TestServices services)
    {
        var alice = await services.CreateUserAsync("alice");
        var bob = await services.CreateUserAsync("bob");
        Assert.True((await services.Get<ContactService>().AddAsync(alice, "bob", TestContext.Current.CancellationToken)).Succeeded);
        return (alice, bob);
    }
}
