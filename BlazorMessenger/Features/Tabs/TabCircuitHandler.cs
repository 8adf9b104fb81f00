using BlazorMessenger.Features.Accounts;
using BlazorMessenger.Realtime;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace BlazorMessenger.Features.Tabs;

/// <summary>
/// Counts this circuit for its person from the moment it opens (before anything renders) until it closes; one over the
/// limit is refused, counts for nothing, and shows the message (see Routes). A circuit whose connection dropped still
/// counts while the server keeps it for a reconnect: it still holds its memory.
/// </summary>
public sealed class TabCircuitHandler(TabCounter counter, TabAdmission admission, CurrentUser currentUser) : CircuitHandler
{
    private string? _counted;

    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (await currentUser.FindIdAsync() is not { } userId)
        {
            return;
        }

        if (counter.TryOpen(userId))
        {
            _counted = userId;
        }
        else
        {
            admission.Refuse(counter.MaxPerUser);
        }
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (_counted is { } userId)
        {
            _counted = null;
            counter.Close(userId);
        }

        return Task.CompletedTask;
    }
}
