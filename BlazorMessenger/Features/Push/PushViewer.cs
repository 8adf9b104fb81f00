using Microsoft.AspNetCore.Components.Server.Circuits;

namespace BlazorMessenger.Features.Push;

/// <summary>
/// What one circuit's tab shows, for the push rule "no push while a tab shows the conversation": the page it is on,
/// while the tab is visible and connected (a tab whose network dropped, or whose browser went away, shows nobody
/// anything). The tab's notifier script reports each change (see Notifier).
/// </summary>
public sealed class PushViewer(PushViewers viewers) : CircuitHandler, IDisposable
{
    private readonly string _key = Guid.NewGuid().ToString("N");
    private string? _userId;
    private string? _path;
    private bool _visible;
    private bool _connected = true;

    /// <summary>The tab shows this page (relative to the app's base, as in "chat/alice"), visibly or not.</summary>
    public void Shows(string userId, string path, bool visible)
    {
        (_userId, _path, _visible) = (userId, path, visible);
        Tell();
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        _connected = true;
        Tell();
        return Task.CompletedTask;
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        _connected = false;
        Tell();
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        viewers.Leave(_key);
        return Task.CompletedTask;
    }

    public void Dispose() => viewers.Leave(_key);

    private void Tell()
    {
        if (_userId is not null)
        {
            viewers.Set(_key, _userId, _connected && _visible ? _path : null);
        }
    }
}
