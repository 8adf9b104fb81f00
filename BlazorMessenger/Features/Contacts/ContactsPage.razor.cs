using BlazorMessenger.Components.Shared;
using BlazorMessenger.Features.Accounts;
using BlazorMessenger.Realtime;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace BlazorMessenger.Features.Contacts;

/// <summary>The contact list: searchable once it grows, live when contacts change in another tab or by the other person.</summary>
public sealed partial class ContactsPage : IDisposable
{
    /// <summary>The filter box appears once the list is longer than a screenful of names.</summary>
    private const int FilterFrom = 7;

    private IReadOnlyList<ContactView> _contacts = [];
    private string? _filter;
    private readonly LatestLoad _reloads = new();
    private HubListener? _listener;
    private string _userId = "";

    [Inject]
    private ContactService Contacts { get; set; } = default!;

    [Inject]
    private CurrentUser CurrentUser { get; set; } = default!;

    [Inject]
    private IMessengerHub Hub { get; set; } = default!;

    [Inject]
    private CircuitEvents Circuit { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    private IEnumerable<ContactView> Shown => string.IsNullOrWhiteSpace(_filter)
        ? _contacts
        : _contacts.Where(c => c.UserName.Contains(_filter.Trim(), StringComparison.OrdinalIgnoreCase)
            || c.Name.Contains(_filter.Trim(), StringComparison.CurrentCultureIgnoreCase));

    protected override async Task OnInitializedAsync()
    {
        _userId = await CurrentUser.GetIdAsync();
        _contacts = await Contacts.ListAsync(_userId);
    }

    /// <summary>Subscribes, then reads again: a change between the first read and the subscription is not missed.</summary>
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            _listener = HubListener.Start(Hub, _userId, InvokeAsync, DispatchExceptionAsync,
                    e => e is ContactsChanged or ProfileChanged ? ReloadAsync() : Task.CompletedTask)
                .OnReconnected(Circuit, ReloadAsync);
            await ReloadAsync();
        }
    }

    private async Task ReloadAsync()
    {
        if (await _reloads.RunAsync(() => Contacts.ListAsync(_userId)) is { } contacts)
        {
            _contacts = contacts;
            StateHasChanged();
        }
    }

    private async Task RemoveAsync(ContactView contact)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Remove contact", $"Remove {contact.Name} from your contacts? Your conversation stays.",
            yesText: "Remove", cancelText: "Cancel");
        if (confirmed == true)
        {
            await Contacts.RemoveAsync(_userId, contact.UserId);
        }
    }

    public void Dispose() => _listener?.Dispose();
}
