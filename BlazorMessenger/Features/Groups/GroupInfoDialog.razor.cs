using BlazorMessenger.Components.Shared;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Media;
using BlazorMessenger.Features.Presence;
using BlazorMessenger.Features.Shared;
using BlazorMessenger.Realtime;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace BlazorMessenger.Features.Groups;

/// <summary>
/// Members with presence and role; for owners and admins, renaming, the picture, adding, removing and admin rights;
/// leaving for everyone. It stays live: every change to the group (from here or anyone else) is a system message, and
/// the dialog reads the group again when one arrives, as the page does.
/// </summary>
public sealed partial class GroupInfoDialog : IDisposable
{
    private readonly LatestLoad _reloads = new();
    private GroupView? _group;
    private HubListener? _listener;
    private string? _title;
    private string? _error;
    private bool _busy;
    private IReadOnlyList<string> _toAdd = [];
    private int _pickerKey;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Parameter, EditorRequired]
    public long GroupId { get; set; }

    [Parameter, EditorRequired]
    public string UserId { get; set; } = "";

    [Inject]
    private GroupService Groups { get; set; } = default!;

    [Inject]
    private ImageProcessor Images { get; set; } = default!;

    [Inject]
    private PresenceTracker Presence { get; set; } = default!;

    [Inject]
    private IMessengerHub Hub { get; set; } = default!;

    [Inject]
    private CircuitEvents Circuit { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    private bool Online(GroupMember member) =>
        member.Person.UserId == UserId || (!member.Person.Hidden && Presence.IsOnline(member.Person.UserId));

    protected override async Task OnInitializedAsync()
    {
        _group = await Groups.OpenAsync(UserId, GroupId);
        _title = _group?.Title;
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _listener = HubListener.Start(Hub, UserId, InvokeAsync, DispatchExceptionAsync, OnEventAsync)
                .OnReconnected(Circuit, ReloadAsync);
        }
    }

    private Task OnEventAsync(MessengerEvent messengerEvent) => messengerEvent switch
    {
        _ when messengerEvent.ChangesGroup(GroupId) => ReloadAsync(),
        PresenceChanged change when _group?.Members.Any(m => m.Person.UserId == change.UserId) == true => RenderAsync(),
        _ => Task.CompletedTask,
    };

    private Task RenderAsync()
    {
        StateHasChanged();
        return Task.CompletedTask;
    }

    private async Task ReloadAsync()
    {
        if (await _reloads.RunAsync(() => Groups.OpenAsync(UserId, GroupId)) is { } group)
        {
            _title = _group?.Title == _title ? group.Title : _title;
            _group = group;
            StateHasChanged();
        }
    }

    /// <summary>
    /// Runs one change; a refusal shows here, a success arrives as its system message and reloads. Member rows call it
    /// too, so it renders the dialog itself (a child's event renders only the child).
    /// </summary>
    private async Task<bool> RunAsync(Func<Task<ServiceResult<ChatMessage>>> change)
    {
        (_busy, _error) = (true, null);
        StateHasChanged();
        try
        {
            var result = await change();
            _error = result.Error;
            return result.Succeeded;
        }
        finally
        {
            _busy = false;
            StateHasChanged();
        }
    }

    private Task RenameAsync() => RunAsync(() => Groups.RenameAsync(UserId, GroupId, _title));

    private async Task AddAsync()
    {
        if (await RunAsync(() => Groups.AddMembersAsync(UserId, GroupId, _toAdd)))
        {
            _toAdd = [];
            _pickerKey++;
        }
    }

    private async Task OnPictureChosenAsync(InputFileChangeEventArgs e)
    {
        var read = await Images.ReadPictureAsync(e.File);
        _error = read.Error;
        if (read.Value is { } bytes)
        {
            await RunAsync(() => Groups.SetPictureAsync(UserId, GroupId, bytes));
        }
    }

    private async Task LeaveAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Leave group", $"Leave \"{_group?.Title}\"? You will keep what was said until now.", yesText: "Leave", cancelText: "Cancel");
        if (confirmed == true)
        {
            await RunAsync(() => Groups.LeaveAsync(UserId, GroupId));
        }
    }

    public void Dispose() => _listener?.Dispose();
}
