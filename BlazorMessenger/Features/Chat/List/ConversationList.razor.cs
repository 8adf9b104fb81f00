using BlazorMessenger.Components.Shared;
using BlazorMessenger.Features.Contacts;
using BlazorMessenger.Features.Groups;
using BlazorMessenger.Features.Notifications;
using BlazorMessenger.Features.Presence;
using BlazorMessenger.Features.Typing;
using BlazorMessenger.Realtime;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace BlazorMessenger.Features.Chat.List;

/// <summary>The drawer's list: ordered by last activity, kept live by the hub, repaired from the database on reconnect.</summary>
public sealed partial class ConversationList : IDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private ConversationListState _list = new("");
    private HubListener? _listener;
    private readonly LatestLoad _reloads = new();
    private string _filter = "";
    private readonly TypingView _typing = new();

    [Parameter]
    public string UserId { get; set; } = "";

    /// <summary>The page shown beside the list ("chat/bob"): its row is marked open.</summary>
    [Parameter]
    public string CurrentPath { get; set; } = "";

    [Inject]
    private ConversationListService Lists { get; set; } = default!;

    [Inject]
    private IMessengerHub Hub { get; set; } = default!;

    [Inject]
    private PresenceTracker Presence { get; set; } = default!;

    [Inject]
    private TypingTracker Typing { get; set; } = default!;

    [Inject]
    private NotificationService Notifications { get; set; } = default!;

    [Inject]
    private CircuitEvents Circuit { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    private bool _showRequests;

    private const string PrimaryIconButton =
        "mud-button-root mud-icon-button mud-primary-text hover:mud-primary-hover mud-ripple mud-ripple-icon mud-icon-button-size-small";

    private static readonly MarkupString AddContactIcon = Svg.Mud(Icons.Material.Filled.PersonAdd, Size.Small);
    private static readonly MarkupString NewGroupIcon = Svg.Mud(Icons.Material.Filled.GroupAdd, Size.Small);
    private static readonly MarkupString ContactsIcon = Svg.Mud(Icons.Material.Filled.Contacts, Size.Small);
    private static readonly MarkupString FilterIcon = Svg.Mud(Icons.Material.Filled.Search, Size.Small);

    private string Title => _list.UnreadNotMuted(Notifications.IsMuted) is > 0 and var unread ? $"({unread}) BlazorMessenger" : "BlazorMessenger";

    protected override async Task OnInitializedAsync()
    {
        _list = new ConversationListState(UserId);
        if (UserId.Length > 0)
        {
            await ReloadAsync();
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && UserId.Length > 0)
        {
            _listener = HubListener.Start(Hub, UserId, InvokeAsync, DispatchExceptionAsync, ApplyAsync)
                .OnReconnected(Circuit, ReloadAndRenderAsync);
            await AcknowledgeAsync();
            await ReloadAndRenderAsync();
        }
        else if (_listener is not null)
        {
            await AcknowledgeAsync();
        }
    }

    private async Task ReloadAndRenderAsync()
    {
        await ReloadAsync();
        StateHasChanged();
    }

    private async Task ApplyAsync(MessengerEvent messengerEvent)
    {
        var update = messengerEvent is TypingChanged typing
            ? (_typing.Apply(typing) ? ListUpdate.Changed : ListUpdate.None)
            : _list.Apply(messengerEvent);
        if (update == ListUpdate.None)
        {
            return;
        }

        if (update == ListUpdate.Reload)
        {
            await ReloadAsync();
            if (messengerEvent is ConversationChanged { Notice: { } notice })
            {
                Snackbar.Add(notice, Severity.Info);
            }
        }

        StateHasChanged();
    }

    private async Task AddContactAsync()
    {
        var dialog = await Dialogs.ShowAsync<AddContactDialog>("Add contact", new DialogParameters<AddContactDialog>
        {
            { d => d.UserId, UserId },
        });
        if (await dialog.GetReturnValueAsync<ContactAdded>() is { } added)
        {
            Navigation.NavigateTo($"chat/{added.Contact.UserName}");
        }
    }

    private async Task NewGroupAsync() =>
        await Dialogs.ShowAsync<NewGroupDialog>("New group", new DialogParameters<NewGroupDialog> { { d => d.UserId, UserId } },
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });

    /// <summary>
    /// Reloads overlap (a profile change and a new message arrive together): only the last one started applies, since
    /// an earlier snapshot can finish later and would bring back an old name or picture.
    /// </summary>
    private async Task ReloadAsync()
    {
        if (await _reloads.RunAsync(() => Lists.ListAsync(UserId, _cts.Token)) is not { } snapshot)
        {
            return;
        }

        _list.Load(snapshot, Presence.IsOnline);
        // Only where the reader still belongs: a group they left says nothing of who types in it now.
        _typing.Load(Typing.In(_list.Conversations.Where(c => c.EndedSeq is null).Select(c => c.Id), UserId));
    }

    public void Dispose()
    {
        _listener?.Dispose();
        _cts.Cancel();
        _cts.Dispose();
    }
}
