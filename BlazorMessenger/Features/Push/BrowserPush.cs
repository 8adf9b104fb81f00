using BlazorMessenger.Components.Shared;
using BlazorMessenger.Features.Accounts;
using Microsoft.JSInterop;

namespace BlazorMessenger.Features.Push;

/// <summary>
/// This circuit's browser and its push subscription: BrowserPush.js asks the browser's PushManager (with the server's
/// VAPID key), and the subscription is stored for the circuit's own user and session, never ones the browser names.
/// </summary>
public sealed class BrowserPush(IJSRuntime js, CurrentUser currentUser, PushSubscriptions subscriptions, VapidKeys keys) : IAsyncDisposable
{
    private IJSObjectReference? _module;
    private bool _disposed;

    /// <summary>What BrowserPush.js's subscribe answers: the subscription, or why the browser gave none.</summary>
    private sealed record Subscribed(string? Endpoint, SubscribedKeys? Keys, string? Error);

    private sealed record SubscribedKeys(string P256dh, string Auth);

    /// <summary>Subscribes this browser and keeps the subscription; null when done, else why not.</summary>
    public async Task<string?> SubscribeAsync(CancellationToken ct = default)
    {
        var vapid = await keys.GetAsync(ct);
        var answer = await (await ModuleAsync()).InvokeAsync<Subscribed>("subscribe", ct, vapid.PublicKey);
        if (answer is not { Endpoint: { } endpoint, Keys: { } browserKeys })
        {
            return $"This browser gets no notifications while the app is closed: {answer?.Error ?? "it has no push service"}.";
        }

        if (await currentUser.FindSessionIdAsync() is not { } session)
        {
            return PushSubscriptions.SessionEnded;
        }

        var saved = await subscriptions.SubscribeAsync(await currentUser.GetIdAsync(), session, new PushKeys(endpoint, browserKeys.P256dh, browserKeys.Auth), ct);
        return saved.Error;
    }

    /// <summary>Notifications turned off here: the browser unsubscribes and the server forgets its subscription.</summary>
    public async Task UnsubscribeAsync(CancellationToken ct = default)
    {
        if (await (await ModuleAsync()).InvokeAsync<string?>("unsubscribe", ct) is { } endpoint)
        {
            await subscriptions.RemoveEndpointAsync(await currentUser.GetIdAsync(), endpoint, ct);
        }
    }

    /// <summary>This browser's push endpoint, if it has one (to mark it in the list of devices).</summary>
    public async Task<string?> EndpointAsync(CancellationToken ct = default) =>
        await (await ModuleAsync()).InvokeAsync<string?>("endpoint", ct);

    private async Task<IJSObjectReference> ModuleAsync() =>
        _module ??= await js.ImportAsync("./Features/Push/BrowserPush.js", () => _disposed) ?? throw new TaskCanceledException();

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        await _module.ReleaseAsync();
    }
}
