using BlazorMessenger.Features.Safety;
using BlazorMessenger.Data;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Contacts;
using BlazorMessenger.Features.Presence;
using BlazorMessenger.Features.Profile;
using BlazorMessenger.Features.Settings;
using BlazorMessenger.Realtime;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Tests.Features.Settings;

/// <summary>"Last seen": everyone, contacts or nobody, and nobody sees nobody's.</summary>
[BothDatabases]
public sealed class PrivacyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Last_seen_shows_as_its_owner_allows_and_not_at_all_to_someone_who_hides_their_own()
    {
        await using var services = await TestServices.CreateAsync();
        var alice = await services.CreateUserAsync("alice");
        var bob = await services.CreateUserAsync("bob");
        var contacts = services.Get<ContactService>();
        // bob added alice; alice accepted his conversation without adding him.
        var added = await contacts.AddAsync(bob, "alice", Ct);
        Assert.True(await services.Get<SafetyService>().AcceptAsync(alice, added.Value!.ConversationId, Ct));
        var seen = new DateTime(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc);
        await using (var db = await services.Get<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync(Ct))
        {
            await db.Users.ExecuteUpdateAsync(s => s.SetProperty(u => u.LastSeenUtc, seen), Ct);
        }

        var settings = services.Get<SettingsService>();
        async Task<DateTime?> BobSeesAsync() => (await services.Get<ChatService>().OpenDirectAsync(bob, "alice", Ct))!.Peer!.LastSeenUtc;
        async Task<DateTime?> AliceSeesAsync() => (await services.Get<ProfileService>().GetCardAsync(alice, bob, Ct))!.LastSeenUtc;
        Task SetAsync(string user, LastSeenAudience audience) =>
            settings.GetAsync(user, Ct).ContinueWith(t => settings.UpdateAsync(user, t.Result with { LastSeen = audience }, Ct), Ct).Unwrap();

        Assert.Equal(seen, await BobSeesAsync());
        Assert.Equal(seen, await AliceSeesAsync());

        // Contacts only: bob is not among alice's contacts; alice is among bob's.
        await SetAsync(alice, LastSeenAudience.Contacts);
        await SetAsync(bob, LastSeenAudience.Contacts);
        Assert.Null(await BobSeesAsync());
        Assert.Equal(seen, await AliceSeesAsync());

        // Nobody: bob hides his, and so sees no one's.
        await SetAsync(alice, LastSeenAudience.Everyone);
        await SetAsync(bob, LastSeenAudience.Nobody);
        Assert.Null(await BobSeesAsync());
        Assert.Null(await AliceSeesAsync());

        Assert.False((await settings.UpdateAsync(bob, new UserSettings(true, (LastSeenAudience)7, true), Ct)).Succeeded);
    }

    [Fact]
    public async Task Going_offline_tells_only_those_allowed_when_it_was()
    {
        await using var services = await TestServices.CreateAsync(settings: new Dictionary<string, string?> { ["Messenger:PresenceGraceSeconds"] = "0" });
        var alice = await services.CreateUserAsync("alice");
        var bob = await services.CreateUserAsync("bob");
        Assert.True((await services.Get<ContactService>().AddAsync(bob, "alice", Ct)).Succeeded);
        var settings = services.Get<SettingsService>();
        await settings.UpdateAsync(bob, await settings.GetAsync(bob, Ct) with { LastSeen = LastSeenAudience.Nobody }, Ct);
        using var alicesTab = new HubRecorder(services.Get<IMessengerHub>(), alice);
        var tracker = services.Get<PresenceTracker>();

        tracker.ConnectionUp(bob);
        tracker.ConnectionDown(bob);

        await Eventually.TrueAsync(() => alicesTab.OfType<PresenceChanged>().Any(p => !p.IsOnline), "bob going offline");
        var offline = alicesTab.OfType<PresenceChanged>().Single(p => !p.IsOnline);
        Assert.Null(offline.LastSeenUtc);
    }
}
