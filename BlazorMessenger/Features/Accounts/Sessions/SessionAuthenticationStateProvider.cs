using System.Security.Claims;
using BlazorMessenger.Hosting;
using BlazorMessenger.Realtime;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace BlazorMessenger.Features.Accounts.Sessions;

/// <summary>
/// A circuit's sign-in lasts as long as its session: it is told at once when the session ends (the hub's
/// <see cref="SessionsEnded"/>), and by the process's <see cref="SessionWatch"/> besides, which checks every watched
/// session every <c>Messenger:Accounts:SessionCheckSeconds</c> (a password changed on another server, a row deleted by
/// hand). Then the circuit becomes anonymous, so services refuse
/// it and the router sends the tab to the login page.
/// </summary>
public sealed class SessionAuthenticationStateProvider(IMessengerHub hub, SessionWatch watch) : ServerAuthenticationStateProvider, IDisposable
{
    private static readonly AuthenticationState SignedOut = new(new ClaimsPrincipal(new ClaimsIdentity()));

    private readonly Lock _lock = new();
    private IDisposable? _subscription;
    private IDisposable? _check;
    private string? _watched;
    private bool _signedOut;
    private bool _inCircuit;

    /// <summary>
    /// Called when the circuit opens (<see cref="SessionCircuitHandler"/>). From then on the watch follows the circuit's
    /// sign-in: a reconnect may bring another one (the framework takes the browser's current cookie). A server-rendered
    /// request is never watched: its cookie was checked as it came in.
    /// </summary>
    public Task WatchAsync()
    {
        if (!_inCircuit)
        {
            _inCircuit = true;
            AuthenticationStateChanged += Rewatch;
        }

        return WatchCurrentAsync();
    }

    private void Rewatch(Task<AuthenticationState> state) => _ = WatchCurrentAsync();

    private async Task WatchCurrentAsync()
    {
        var user = (await GetAuthenticationStateAsync()).User;
        var (sessionId, userId) = (SessionCookie.SessionOf(user), user.FindFirstValue(ClaimTypes.NameIdentifier));
        if (sessionId is null || userId is null)
        {
            return;
        }

        lock (_lock)
        {
            if (_watched == sessionId || !_inCircuit)
            {
                return;
            }

            (_watched, _signedOut) = (sessionId, false);
            _subscription?.Dispose();
            _check?.Dispose();
            _subscription = hub.Subscribe(userId, e =>
            {
                if (e is SessionsEnded ended && ended.SessionIds.Contains(sessionId))
                {
                    // Off the publisher's thread: signing out re-renders this circuit.
                    ThreadPool.QueueUserWorkItem(_ => SignOut(sessionId));
                }
            });
            _check = watch.Watch(sessionId, userId, () => SignOut(sessionId));
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
            _check?.Dispose();
        }

        SetAuthenticationState(Task.FromResult(SignedOut));
    }

    public void Dispose()
    {
        AuthenticationStateChanged -= Rewatch;
        lock (_lock)
        {
            _subscription?.Dispose();
            _check?.Dispose();
            (_signedOut, _inCircuit) = (true, false);
        }
    }
}
