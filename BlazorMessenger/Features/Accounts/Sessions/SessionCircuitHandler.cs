using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace BlazorMessenger.Features.Accounts.Sessions;

/// <summary>Starts the circuit's session watch once the circuit is open (its sign-in is known by then).</summary>
public sealed class SessionCircuitHandler(AuthenticationStateProvider authentication) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken) =>
        authentication is SessionAuthenticationStateProvider sessions ? sessions.WatchAsync() : Task.CompletedTask;
}
