using BlazorMessenger.Features.Accounts;
using BlazorMessenger.Realtime;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace BlazorMessenger.Features.Presence;

/// <summary>Reports this circuit's connection to the presence tracker and tells the circuit's components on reconnect.</summary>
public sealed class PresenceCircuitHandler(PresenceTracker tracker, CurrentUser currentUser, CircuitEvents events) : CircuitHandler
{
    private string? _userId;
    private bool _connectedBefore;

    public override async Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        _userId ??= await currentUser.FindIdAsync();
        if (_userId is not null)
        {
            tracker.ConnectionUp(_userId);
        }

        if (_connectedBefore)
        {
            events.RaiseReconnected();
        }

        _connectedBefore = true;
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (_userId is not null)
        {
            tracker.ConnectionDown(_userId);
        }

        return Task.CompletedTask;
    }
}
