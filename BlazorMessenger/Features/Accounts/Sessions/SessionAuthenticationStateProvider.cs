using System.Security.Claims;
using BlazorMessenger.Hosting;
using BlazorMessenger.Realtime;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;

namespace BlazorMessenger.Features.Accounts.Sessions;

/// <summary>
/// A circuit's sign-in lasts as long as its session: it is told at once when the session ends (the hub's
/// <see cref="SessionsEnded"/>), and checks the database every <c>Messenger:Accounts:SessionCheckSeconds</c> besides
/// (a password changed on another server, a row deleted by hand). Then the circuit becomes anonymous, so services refuse
/// it and the router sends the tab to the login page.
/// </summary>
public sealed class SessionAuthenticationStateProvider : ServerAuthenticationStateProvider, IDisposable
{
    private static readonly AuthenticationState SignedOut = new(new ClaimsPrincipal(new ClaimsIdentity()));

    private readonly SessionService _sessions;
    private readonly IMessengerHub _hub;
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly ILogger _log;
    private readonly Lock _lock = new();
    private CancellationTokenSource _stop = new();
    private IDisposable? _subscription;
    private string? _watched;
    private int _signedOut;

    public SessionAuthenticationStateProvider(
        SessionService sessions, IMessengerHub hub, TimeProvider time, IOptions<MessengerOptions> options,
        ILogger<SessionAuthenticationStateProvider> log)
    {
        (_sessions, _hub, _time, _log) = (sessions, hub, time, log);
        _interval = TimeSpan.FromSeconds(options.Value.Accounts.SessionCheckSeconds);
    }

    /// <summary>
    /// Called when the circuit opens and whenever its connection comes back (<see cref="SessionCircuitHandler"/>): a
    /// reconnect may bring another sign-in (the framework takes the browser's current cookie), and the watch follows it.
    /// A server-rendered request needs no watch: its cookie was checked as it came in.
    /// </summary>
    public async Task WatchAsync()
    {
        var user = (await GetAuthenticationStateAsync()).User;
        var (sessionId, userId) = (SessionCookie.SessionOf(user), user.FindFirstValue(ClaimTypes.NameIdentifier));
        if (sessionId is null || userId is null)
        {
            return;
        }

        CancellationToken token;
        lock (_lock)
        {
            if (_watched == sessionId || _signedOut == 1)
            {
                return;
            }

            _watched = sessionId;
            _subscription?.Dispose();
            _stop.Cancel();
            _stop = new CancellationTokenSource();
            token = _stop.Token;
            _subscription = _hub.Subscribe(userId, e =>
            {
                if (e is SessionsEnded ended && ended.SessionIds.Contains(sessionId))
                {
                    SignOut();
                }
            });
        }

        _ = CheckAsync(sessionId, userId, token);
    }

    private async Task CheckAsync(string sessionId, string userId, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_interval, _time, ct);
                if (!await _sessions.IsActiveAsync(sessionId, userId, ct))
                {
                    SignOut();
                    return;
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // A database hiccup is no reason to sign someone out: the next check decides.
                _log.LogWarning(ex, "Checking session {SessionId} failed; trying again at the next check.", sessionId);
            }
        }
    }

    private void SignOut()
    {
        lock (_lock)
        {
            if (Interlocked.Exchange(ref _signedOut, 1) == 1)
            {
                return;
            }

            _stop.Cancel();
        }

        SetAuthenticationState(Task.FromResult(SignedOut));
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _subscription?.Dispose();
            _signedOut = 1;
            _stop.Cancel();
        }
    }
}
