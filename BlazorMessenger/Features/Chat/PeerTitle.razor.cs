using BlazorMessenger.Components.Layout;
using BlazorMessenger.Features.Presence;
using BlazorMessenger.Realtime;
using BlazorMessenger.Features.Profile;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace BlazorMessenger.Features.Chat;

public sealed partial class PeerTitle : IDisposable
{
    private HubListener? _listener;
    private ChatPeer _peer = default!;
    private bool _online;
    private DateTime? _lastSeenUtc;

    [Parameter, EditorRequired]
    public ChatPeer Peer { get; set; } = default!;

    [Parameter, EditorRequired]
    public string UserId { get; set; } = "";

    /// <summary>The direct conversation: its typing shows in place of the presence.</summary>
    [Parameter, EditorRequired]
    public long ConversationId { get; set; }

    [CascadingParameter]
    private TimeZoneInfo? TimeZone { get; set; }

    [Inject]
    private PresenceTracker Presence { get; set; } = default!;

    [Inject]
    private IMessengerHub Hub { get; set; } = default!;

    [Inject]
    private CircuitEvents Circuit { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    /// <summary>Nothing for someone who hides from the reader: "offline" would be a guess.</summary>
    private string Status => _peer.Hidden ? "" : _peer.IsBot ? "bot" : _online
        ? "online"
        : ClientTime.LastSeen(_lastSeenUtc, TimeZone ?? TimeZoneInfo.Utc, Time.GetUtcNow().UtcDateTime);

    protected override void OnParametersSet()
    {
        _peer = Peer;
        _online = !Peer.Hidden && Presence.IsOnline(Peer.UserId);
        _lastSeenUtc = Peer.LastSeenUtc;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            _listener = HubListener.Start(Hub, UserId, InvokeAsync, DispatchExceptionAsync, OnEventAsync)
                .OnReconnected(Circuit, RefreshPresenceAsync);
            await RefreshPresenceAsync();
        }
    }

    /// <summary>Presence changes missed while the connection was down are not replayed: ask the tracker again.</summary>
    private Task RefreshPresenceAsync()
    {
        _online = !_peer.Hidden && Presence.IsOnline(Peer.UserId);
        StateHasChanged();
        return Task.CompletedTask;
    }

    private Task OnEventAsync(MessengerEvent messengerEvent)
    {
        switch (messengerEvent)
        {
            case ProfileChanged profile when profile.UserId == Peer.UserId:
                _peer = _peer with { DisplayName = profile.DisplayName, AvatarId = profile.AvatarId, Hidden = profile.Hidden };
                _online &= !profile.Hidden;
                break;
            case PresenceChanged change when change.UserId == Peer.UserId:
                _online = change.IsOnline;
                // Going offline says when (or nothing, where that is hidden); coming online keeps what was known.
                _lastSeenUtc = change.IsOnline ? _lastSeenUtc : change.LastSeenUtc;
                break;
            default:
                return Task.CompletedTask;
        }

        StateHasChanged();
        return Task.CompletedTask;
    }

    private async Task ShowProfileAsync()
    {
        var parameters = new DialogParameters<ProfileCardDialog>
        {
            { d => d.UserId, UserId },
            { d => d.OtherUserId, _peer.UserId },
            { d => d.Online, _online },
        };
        await Dialogs.ShowAsync<ProfileCardDialog>(_peer.Name, parameters,
            new DialogOptions { MaxWidth = MaxWidth.ExtraSmall, FullWidth = true, CloseButton = true });
    }

    public void Dispose() => _listener?.Dispose();
}
