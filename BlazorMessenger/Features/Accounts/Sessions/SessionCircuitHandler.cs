using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace BlazorMessenger.Features.Accounts.Sessions;

/// <summary>
/// Starts the circuit's session watch once the circuit is open (its sign-in is known by then), and looks again after
/// every reconnect, which may bring another sign-in.
/// </summary>
public sealed class SessionCircuitHandler(AuthenticationStateProvider authentication) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken) => WatchAsync();

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken) => WatchAsync();

    private Task WatchAsync() => authentication is SessionAuthenticationStateProvider sessions ? sessions.WatchAsync() : Task.CompletedTask;
}
