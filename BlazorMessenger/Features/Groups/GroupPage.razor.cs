using BlazorMessenger.Components.Shared;
using BlazorMessenger.Features.Accounts;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Chat.Compose;
using BlazorMessenger.Features.Chat.Log;
using BlazorMessenger.Realtime;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace BlazorMessenger.Features.Groups;

/// <summary>
/// A group's chat. Every change to a group is a system message in it, so the page reads the group again whenever one
/// arrives (and after a reconnect, in case one came meanwhile): new members' names, a new title, a removal that makes
/// the view read-only all show at once.
/// </summary>
public sealed partial class GroupPage : IDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private GroupView? _group;
    private MessageLog? _log;
    private Composer? _composer;
    private IReadOnlyList<ChatPeer> _others = [];
    private string _userId = "";
    private string _userName = "";
    private bool _loaded;
    private HubListener? _listener;
    private readonly LatestLoad _reloads = new();

    [Parameter]
    public long Id { get; set; }

    /// <summary>?at=Seq opens the group at that message (search results link here).</summary>
    [SupplyParameterFromQuery]
    public long? At { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState> Authentication { get; set; } = default!;

    [Inject]
    private GroupService Groups { get; set; } = default!;

    [Inject]
    private CurrentUser CurrentUser { get; set; } = default!;

    [Inject]
    private IMessengerHub Hub { get; set; } = default!;

    [Inject]
    private CircuitEvents Circuit { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        _userId = await CurrentUser.GetIdAsync();
        _userName = (await Authentication).User.Identity?.Name ?? "";
        if (_group?.Id != Id)
        {
            Show(await Groups.OpenAsync(_userId, Id, _cts.Token));
        }

        _loaded = true;
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _listener = HubListener.Start(Hub, _userId, InvokeAsync, DispatchExceptionAsync, OnEventAsync)
                .OnReconnected(Circuit, ReloadAsync);
        }
    }

    /// <summary>A change to the group, or to whom the reader blocks (whose messages show collapsed), reads it again.</summary>
    private Task OnEventAsync(MessengerEvent messengerEvent) =>
        messengerEvent.ChangesGroup(Id) || messengerEvent is ContactsChanged || messengerEvent is ConversationChanged { ConversationId: var id } && id == Id
            ? ReloadAsync()
            : Task.CompletedTask;

    /// <summary>Two changes in quick succession start overlapping reloads: only the last one started applies.</summary>
    private async Task ReloadAsync()
    {
        // A reload for the group this page showed before a navigation must not bring it back.
        if (await _reloads.RunAsync(() => Groups.OpenAsync(_userId, Id, _cts.Token)) is { } group && group.Id == Id)
        {
            Show(group);
            StateHasChanged();
        }
    }

    /// <summary>The group, and the people "@" offers (everyone in it but the reader), worked out once per load.</summary>
    private void Show(GroupView? group)
    {
        _group = group;
        _others = group?.Members.Where(m => m.Person.UserId != _userId).Select(m => m.Person).ToList() ?? [];
    }

    public void Dispose()
    {
        _listener?.Dispose();
        _cts.Cancel();
        _cts.Dispose();
    }
}
