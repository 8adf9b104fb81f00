using BlazorMessenger.Components.Shared;
using BlazorMessenger.Features.Push;
using BlazorMessenger.Features.Shared;
using BlazorMessenger.Realtime;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.JSInterop;

namespace BlazorMessenger.Features.Notifications;

/// <summary>
/// The circuit's end of the browser's notifications (Notifier.js): while they are on in this browser, each new
/// message for the person becomes a notification the script may show, and the script hears which page this tab shows.
/// With notifications off it asks nothing of the database.
/// </summary>
public sealed class Notifier : ComponentBase, IAsyncDisposable
{
    private DotNetObjectReference<Notifier>? _self;
    private IJSObjectReference? _module;
    private HubListener? _listener;
    private bool _enabled;
    private bool _disposed;

    [Parameter, EditorRequired]
    public string UserId { get; set; } = "";

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private IMessengerHub Hub { get; set; } = default!;

    [Inject]
    private NotificationService Notifications { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private ILogger<Notifier> Logger { get; set; } = default!;

    [Inject]
    private PushViewer Viewer { get; set; } = default!;

    [Inject]
    private BrowserPush Push { get; set; } = default!;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || UserId.Length == 0)
        {
            return;
        }

        _module = await JS.ImportAsync("./Features/Notifications/Notifier.js", () => _disposed);
        if (_module is null)
        {
            return;
        }

        _self = DotNetObjectReference.Create(this);
        _enabled = await _module.InvokeAsync<bool>("start", _self);
        _listener = HubListener.Start(Hub, UserId, InvokeAsync, DispatchExceptionAsync, OnEventAsync);
        Navigation.LocationChanged += OnLocationChanged;
        if (_enabled)
        {
            await RenewPushAsync();
        }
    }

    [JSInvokable]
    public void SetEnabled(bool enabled) => _enabled = enabled;

    /// <summary>The page this tab shows (relative to the app's base) and whether it is visible: no push while it shows the conversation.</summary>
    [JSInvokable]
    public void Viewing(string path, bool visible) => Viewer.Shows(UserId, path.ToLowerInvariant(), visible);

    [JSInvokable]
    public Task Resubscribe() => _enabled ? RenewPushAsync() : Task.CompletedTask;

    /// <summary>
    /// With notifications on, every page load makes sure the server has this browser's push subscription: a logout
    /// deleted it, the browser may have renewed it, the server's key may have changed.
    /// </summary>
    private async Task RenewPushAsync()
    {
        try
        {
            if (await Push.SubscribeAsync() is { } problem)
            {
                Logger.LogDebug("No push subscription for this tab: {Problem}", problem);
            }
        }
        catch (Exception ex) when (ex is JSException or JSDisconnectedException or TaskCanceledException)
        {
            Logger.LogDebug(ex, "The push subscription was not renewed.");
        }
    }

    /// <summary>
    /// A notification is a courtesy: one that cannot be shown (the page went away, the call timed out during a network
    /// drop, the browser refused) is dropped, and never takes the page down with it.
    /// </summary>
    private async Task OnEventAsync(MessengerEvent messengerEvent)
    {
        if (!_enabled || _module is null)
        {
            return;
        }

        try
        {
            if (messengerEvent is ReadStateChanged read)
            {
                // Read here or in another tab: this device's notification of it goes.
                await _module.InvokeVoidAsync("closeRead", BrowserNotification.TagOf(read.ConversationId), read.LastReadSeq);
            }
            else if (messengerEvent is MessagePosted { Message: var message } && message.SenderId != UserId
                     && await Notifications.ForAsync(UserId, message) is { } notification)
            {
                await _module.InvokeVoidAsync("show", notification);
            }
        }
        catch (Exception ex) when (ex is JSException or JSDisconnectedException or TaskCanceledException or NotAMemberException)
        {
            Logger.LogDebug(ex, "A notification was not shown or closed.");
        }
    }

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e) =>
        _ = InvokeAsync(async () =>
        {
            try
            {
                if (_module is not null && !_disposed)
                {
                    await _module.InvokeVoidAsync("viewing");
                }
            }
            catch (JSDisconnectedException)
            {
            }
        });

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        Navigation.LocationChanged -= OnLocationChanged;
        _listener?.Dispose();
        try
        {
            if (_module is not null)
            {
                await _module.InvokeVoidAsync("stop", _self);
            }
        }
        catch (JSDisconnectedException)
        {
        }

        await _module.ReleaseAsync();
        _self?.Dispose();
    }
}
