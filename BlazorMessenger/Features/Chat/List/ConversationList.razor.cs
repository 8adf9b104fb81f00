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
    private List<ConversationSummary> _conversations = [];
    private HashSet<string> _online = [];
    private HubListener? _listener;
    private readonly LatestLoad _reloads = new();
    private string _filter = "";
    private readonly Dictionary<string, string> _senderNames = new(StringComparer.Ordinal);
    private readonly TypingView _typing = new();

    [Parameter]
    public string UserId { get; set; } = "";

    /// <summary>The page shown beside the list ("chat/bob"): its row is marked open.</summary>
    [Parameter]
    public string CurrentPath { get; set; } = "";

    [Inject]
    private ChatService Chat { get; set; } = default!;

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

    /// <summary>Conversations the reader is in, apart from message requests (those wait under their own button).</summary>
    private IEnumerable<ConversationSummary> Chats => _conversations.Where(c => !c.IsRequest);

    private IEnumerable<ConversationSummary> Requests => _conversations.Where(c => c.IsRequest);

    private IEnumerable<ConversationSummary> Shown => _filter.Trim() is not { Length: > 0 } term
        ? Chats
        : Chats.Where(c => c.Name.Contains(term, StringComparison.CurrentCultureIgnoreCase)
                                    || c.Peer?.UserName.Contains(term, StringComparison.OrdinalIgnoreCase) == true);

    private string Title
    {
        get
        {
            // Muted conversations count for nothing here, as their badges are grey.
            var unread = Chats.Where(c => !Notifications.IsMuted(c.MutedUntilUtc)).Sum(c => c.Unread);
            return unread > 0 ? $"({unread}) BlazorMessenger" : "BlazorMessenger";
        }
    }

    protected override async Task OnInitializedAsync()
    {
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
        switch (messengerEvent)
        {
            case MessagePosted { Message: var message } when Find(message.ConversationId) is { } known && !NeedsReload(known, message):
                if (message.Seq > known.LastSeq)
                {
                    Replace(known with
                    {
                        LastSeq = message.Seq,
                        LastMessagePreview = MessageRules.Preview(message.Kind, message.Body),
                        LastMessageSenderId = message.SenderId,
                        LastMessageSenderName = _senderNames.GetValueOrDefault(message.SenderId),
                        LastMessageKind = message.Kind,
                        LastActivityUtc = message.CreatedUtc,
                        // As the writer does: one's own message is read, unless unseen ones from others came before it.
                        LastReadSeq = message.SenderId == UserId && known.LastReadSeq >= known.LastSeq ? message.Seq : known.LastReadSeq,
                    });
                }

                break;
            case MessageChanged { Message: var changed } when Find(changed.ConversationId) is { LastSeq: var last } && last == changed.Seq
                                                              && changed.Body.Contains("<@", StringComparison.Ordinal):
                await ReloadAsync();
                break;
            case MessageChanged { Message: var changed } when Find(changed.ConversationId) is { } known && known.LastSeq == changed.Seq:
                Replace(known with
                {
                    LastMessagePreview = changed.IsDeleted ? MessageRules.DeletedText : MessageRules.Preview(changed.Kind, changed.Body),
                });
                break;
            case ReadStateChanged read when Find(read.ConversationId) is { MentionsOfMe: > 0 }:
                await ReloadAsync();
                break;
            case ReadStateChanged read when Find(read.ConversationId) is { } known:
                Replace(known with { LastReadSeq = Math.Max(known.LastReadSeq, read.LastReadSeq) });
                break;
            case TypingChanged typing when _typing.Apply(typing):
                break;
            case PresenceChanged presence:
                if (presence.IsOnline)
                {
                    _online.Add(presence.UserId);
                }
                else
                {
                    _online.Remove(presence.UserId);
                }

                break;
            case ConversationChanged changed:
                await ReloadAsync();
                if (changed.Notice is { } notice)
                {
                    Snackbar.Add(notice, Severity.Info);
                }

                break;
            case MessagePosted or ProfileChanged:
                await ReloadAsync();
                break;
            default:
                return;
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
    /// an earlier snapshot can finish later and would bring back an old name or picture. Events applied while it loaded
    /// stay: a conversation keeps whichever of its two states has the later message, and the later read position.
    /// </summary>
    private async Task ReloadAsync()
    {
        if (await _reloads.RunAsync(() => Chat.ListConversationsAsync(UserId, _cts.Token)) is not { } snapshot)
        {
            return;
        }

        _conversations = [.. snapshot.Select(KeepNewer).OrderByDescending(c => c.LastActivityUtc)];
        _online = _conversations.Where(c => c.Peer is { Hidden: false }).Select(c => c.Peer!.UserId).Where(Presence.IsOnline).ToHashSet();
        // Only where the reader still belongs: a group they left says nothing of who types in it now.
        _typing.Load(Typing.In(_conversations.Where(c => c.EndedSeq is null).Select(c => c.Id), UserId));
        foreach (var summary in snapshot.Where(s => s.LastMessageSenderName is not null))
        {
            _senderNames[summary.LastMessageSenderId!] = summary.LastMessageSenderName!;
        }
    }

    /// <summary>
    /// A group's system message may rename it or change its picture, a message from someone the list has not named yet
    /// needs their name, and a mention needs names and counting: these read the list again; the rest applies in place.
    /// </summary>
    private bool NeedsReload(ConversationSummary known, ChatMessage message) =>
        message.Kind == Data.MessageKind.System
        || (known.IsGroup && message.SenderId != UserId && !_senderNames.ContainsKey(message.SenderId))
        || message.Body.Contains("<@", StringComparison.Ordinal);

    private ConversationSummary KeepNewer(ConversationSummary loaded) => Find(loaded.Id) is { } known
        ? (known.LastSeq > loaded.LastSeq
            ? known with
            {
                Name = loaded.Name, Peer = loaded.Peer, AvatarId = loaded.AvatarId, EndedSeq = loaded.EndedSeq, MutedUntilUtc = loaded.MutedUntilUtc,
            }
            : loaded) with
        {
            LastReadSeq = Math.Max(known.LastReadSeq, loaded.LastReadSeq),
            DeliveredSeq = Math.Max(known.DeliveredSeq, loaded.DeliveredSeq),
        }
        : loaded;

    private ConversationSummary? Find(long conversationId) => _conversations.Find(c => c.Id == conversationId);

    private void Replace(ConversationSummary updated)
    {
        _conversations.RemoveAll(c => c.Id == updated.Id);
        _conversations.Add(updated);
        _conversations.Sort((a, b) => b.LastActivityUtc.CompareTo(a.LastActivityUtc));
    }

    public void Dispose()
    {
        _listener?.Dispose();
        _cts.Cancel();
        _cts.Dispose();
    }
}
