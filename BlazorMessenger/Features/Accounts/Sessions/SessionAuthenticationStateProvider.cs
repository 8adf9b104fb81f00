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
    private bool _signedOut;
    private bool _inCircuit;

    public SessionAuthenticationStateProvider(
        SessionService sessions, IMessengerHub hub, TimeProvider time, IOptions<MessengerOptions> options,
        ILogger<SessionAuthenticationStateProvider> log)
    {
        (_sessions, _hub, _time, _log) = (sessions, hub, time, log);
        _interval = TimeSpan.FromSeconds(options.Value.Accounts.SessionCheckSeconds);
        AuthenticationStateChanged += Rewatch;
    }

    /// <summary>
    /// Called when the circuit opens (<see cref="SessionCircuitHandler"/>). From then on the watch follows the circuit's
    /// sign-in: a reconnect may bring another one (the framework takes the browser's current cookie). A server-rendered
    /// request is never watched: its cookie was checked as it came in.
    /// </summary>
    public Task WatchAsync()
    {
        _inCircuit = true;
        return WatchCurrentAsync();
    }

    private void Rewatch(Task<AuthenticationState> state)
    {
        if (_inCircuit)
        {
            _ = WatchCurrentAsync();
        }
    }

    private async Task WatchCurrentAsync()
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
            if (_watched == sessionId)
            {
                return;
            }

            (_watched, _signedOut) = (sessionId, false);
            _subscription?.Dispose();
            _stop.Cancel();
            _stop = new CancellationTokenSource();
            token = _stop.Token;
            _subscription = _hub.Subscribe(userId, e =>
            {
                if (e is SessionsEnded ended && ended.SessionIds.Contains(sessionId))
                {
                    // Off the publisher's thread: signing out re-renders this circuit.
                    ThreadPool.QueueUserWorkItem(_ => SignOut(sessionId));
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
                    SignOut(sessionId);
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

    /// <summary>Only the session being watched now signs the circuit out (a check of an earlier one may still finish).</summary>
    private void SignOut(string sessionId)
    {
        lock (_lock)
        {
            if (_watched != sessionId || _signedOut)
            {
                return;
            }

            _signedOut = true;
            _stop.Cancel();
        }

        SetAuthenticationState(Task.FromResult(SignedOut));
    }

    public void Dispose()
    {
        AuthenticationStateChanged -= Rewatch;
        lock (_lock)
        {
            _subscription?.Dispose();
            (_signedOut, _inCircuit) = (true, false);
            _stop.Cancel();
        }
    }
}
