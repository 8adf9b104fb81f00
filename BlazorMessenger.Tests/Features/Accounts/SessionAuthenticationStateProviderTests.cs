using System.Security.Claims;
using BlazorMessenger.Data;
using BlazorMessenger.Features.Accounts;
using BlazorMessenger.Features.Accounts.Sessions;
using BlazorMessenger.Realtime;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace BlazorMessenger.Tests.Features.Accounts;

/// <summary>An open tab's sign-in follows its session: at once when told, within the check interval otherwise.</summary>
[BothDatabases]
public sealed class SessionAuthenticationStateProviderTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
    private TestServices _services = default!;
    private string _userId = default!;
    private string _sessionId = default!;
    private SessionWatch? _watch;

    public async ValueTask InitializeAsync()
    {
        _services = await TestServices.CreateAsync(time: _time);
        _userId = await _services.CreateUserAsync("judy");
        await using var db = await _services.Get<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        var stamp = (await db.Users.SingleAsync(u => u.Id == _userId, TestContext.Current.CancellationToken)).SecurityStamp!;
        _sessionId = await _services.Get<SessionService>().StartAsync(_userId, stamp, "Firefox/140.0 (X11; Linux x86_64)", "127.0.0.1", TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_session_ended_here_signs_the_circuit_out_at_once()
    {
        using var provider = await SignedInProviderAsync();

        await _services.Get<SessionService>().EndAsync(_userId, _sessionId, TestContext.Current.CancellationToken);

        await Eventually.TrueAsync(async () => !await IsSignedInAsync(provider), "the circuit never signed out");
    }

    [Fact]
    public async Task A_session_removed_behind_its_back_is_noticed_at_the_next_check()
    {
        using var provider = await SignedInProviderAsync();
        await using (var db = await _services.Get<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            await db.Sessions.Where(s => s.Id == _sessionId).ExecuteDeleteAsync(TestContext.Current.CancellationToken);
        }

        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.True(await IsSignedInAsync(provider));

        _time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.TrueAsync(async () => !await IsSignedInAsync(provider), "the circuit never noticed its session was gone");
    }

    [Fact]
    public async Task One_check_serves_every_open_circuit_and_signs_out_only_those_whose_session_ended()
    {
        var second = await _services.Get<SessionService>().StartAsync(_userId, await StampAsync(), null, null, TestContext.Current.CancellationToken);
        using var first = await SignedInProviderAsync();
        using var sameSession = await SignedInProviderAsync();
        using var other = await SignedInProviderAsync(second);
        await using (var db = await _services.Get<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            await db.Sessions.Where(s => s.Id == _sessionId).ExecuteDeleteAsync(TestContext.Current.CancellationToken);
        }

        _time.Advance(TimeSpan.FromSeconds(30));

        await Eventually.TrueAsync(async () => !await IsSignedInAsync(first) && !await IsSignedInAsync(sameSession), "the ended session's circuits stayed signed in");
        Assert.True(await IsSignedInAsync(other));
    }

    [Fact]
    public async Task A_standing_session_stays_signed_in_and_shows_as_recently_active()
    {
        using var provider = await SignedInProviderAsync();

        _time.Advance(TimeSpan.FromMinutes(2));
        await Eventually.TrueAsync(async () =>
            (await _services.Get<SessionService>().ListAsync(_userId, _sessionId, TestContext.Current.CancellationToken)).Single().LastSeenUtc == _time.GetUtcNow().UtcDateTime,
            "the open tab's check never marked the session active");

        Assert.True(await IsSignedInAsync(provider));
        Assert.Equal("Firefox on Linux", (await _services.Get<SessionService>().ListAsync(_userId, _sessionId, TestContext.Current.CancellationToken)).Single().Browser);
    }

    [Fact]
    public async Task After_a_reconnect_brings_another_sign_in_the_watch_follows_the_new_session_only()
    {
        using var provider = await SignedInProviderAsync();
        var sessions = _services.Get<SessionService>();
        var second = await sessions.StartAsync(_userId, await StampAsync(), null, null, TestContext.Current.CancellationToken);

        provider.SetAuthenticationState(Task.FromResult(new AuthenticationState(Principal(second))));
        await sessions.EndAsync(_userId, _sessionId, TestContext.Current.CancellationToken);
        Assert.True(await IsSignedInAsync(provider));

        await sessions.EndAsync(_userId, second, TestContext.Current.CancellationToken);
        await Eventually.TrueAsync(async () => !await IsSignedInAsync(provider), "the new session's end never reached the circuit");
    }

    [Fact]
    public async Task A_session_unused_for_longer_than_the_idle_limit_has_ended()
    {
        var sessions = _services.Get<SessionService>();
        Assert.True(await sessions.IsActiveAsync(_sessionId, _userId, TestContext.Current.CancellationToken));

        _time.Advance(TimeSpan.FromDays(14.1));

        Assert.False(await sessions.IsActiveAsync(_sessionId, _userId, TestContext.Current.CancellationToken));
        Assert.Empty(await sessions.ListAsync(_userId, null, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_disposed_provider_stops_listening()
    {
        var hub = (InProcessMessengerHub)_services.Get<IMessengerHub>();
        var provider = await SignedInProviderAsync();
        Assert.Equal(1, hub.SubscriptionCount(_userId));
        Assert.Equal(1, _watch!.Count);

        provider.Dispose();

        Assert.Equal(0, hub.SubscriptionCount(_userId));
        Assert.Equal(0, _watch.Count);
    }

    private async Task<SessionAuthenticationStateProvider> SignedInProviderAsync(string? sessionId = null)
    {
        _watch ??= new SessionWatch(
            _services.Get<SessionService>(), _time, _services.Get<IOptions<AccountOptions>>(), NullLogger<SessionWatch>.Instance);
        var provider = new SessionAuthenticationStateProvider(_services.Get<IMessengerHub>(), _watch);
        provider.SetAuthenticationState(Task.FromResult(new AuthenticationState(Principal(sessionId ?? _sessionId))));
        await provider.WatchAsync();
        return provider;
    }

    private ClaimsPrincipal Principal(string sessionId) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, _userId), new Claim(SessionService.ClaimType, sessionId)], "Identity.Application"));

    private async Task<string> StampAsync()
    {
        await using var db = await _services.Get<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        return (await db.Users.SingleAsync(u => u.Id == _userId, TestContext.Current.CancellationToken)).SecurityStamp!;
    }

    private static async Task<bool> IsSignedInAsync(AuthenticationStateProvider provider) =>
        (await provider.GetAuthenticationStateAsync()).User.Identity?.IsAuthenticated == true;

    public async ValueTask DisposeAsync()
    {
        _watch?.Dispose();
        await _services.DisposeAsync();
    }
}
