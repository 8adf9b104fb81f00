using BlazorMessenger.Components.Shared;
using BlazorMessenger.Features.Chat.Pins;
using BlazorMessenger.Features.Chat.Reactions;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace BlazorMessenger.Features.Chat.Log;

/// <summary>
/// The actions on one message, in one menu the log shares between all its bubbles: reactions, reply, forward, pin, copy,
/// and the sender's edit, info and delete or a report of someone else's message (<see cref="MessageMenu"/> says which).
/// </summary>
public sealed partial class MessageActions : IAsyncDisposable
{
    public static readonly IReadOnlyList<string> QuickReactions = ["👍", "❤️", "😂", "😮", "😢", "🙏"];

    private ElementReference _menu;
    private IJSObjectReference? _module;
    private IJSObjectReference? _handle;
    private DotNetObjectReference<MessageActions>? _self;
    private ChatMessage? _message;
    private bool _mine;
    private string _senderName = "";
    private bool _placeAfterRender;
    private int _opened;
    private bool _disposed;

    [Parameter, EditorRequired]
    public string UserId { get; set; } = "";

    [Parameter]
    public bool IsGroup { get; set; }

    /// <summary>
    /// A message request not accepted yet, or a group the reader left: they may copy and report, nothing that answers.
    /// </summary>
    [Parameter]
    public bool ReadOnly { get; set; }

    /// <summary>Whether the reader may pin here (a direct conversation, a group's admin, or a group that lets everyone).</summary>
    [Parameter]
    public bool CanPin { get; set; }

    /// <summary>The log the bubbles are in: the menu opens beside the pressed message's button.</summary>
    [Parameter, EditorRequired]
    public ElementReference Log { get; set; }

    [Parameter]
    public SenderNames? Names { get; set; }

    /// <summary>"Reply": the page puts the quote above its composer.</summary>
    [Parameter]
    public EventCallback<ChatMessage> OnReply { get; set; }

    /// <summary>"Edit": the page's composer takes the message's text, in place of its draft until saved or given up.</summary>
    [Parameter]
    public EventCallback<ChatMessage> OnEdit { get; set; }

    [Inject]
    private MessageChangeService Changes { get; set; } = default!;

    [Inject]
    private ReactionService Reactions { get; set; } = default!;

    [Inject]
    private PinService Pins { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    private MessageMenu MenuFor(ChatMessage message) =>
        MessageMenu.For(message, _mine, IsGroup, ReadOnly, CanPin, Time.GetUtcNow().UtcDateTime);

    /// <summary>Opens the menu for the message (closing it for any other first).</summary>
    public async Task OpenAsync(ChatMessage message, bool mine, string senderName)
    {
        (_message, _mine, _senderName, _placeAfterRender) = (message, mine, senderName, true);
        _opened++;
        StateHasChanged();
        await ReleaseHandleAsync();
    }

    /// <summary>The message changed while its menu is open (a reaction arrived, it was pinned): show it as it is now.</summary>
    public void Update(ChatMessage message)
    {
        if (_message?.Id == message.Id)
        {
            _message = message.IsDeleted ? null : message;
            StateHasChanged();
            if (message.IsDeleted)
            {
                _ = ReleaseHandleAsync();
            }
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!_placeAfterRender || _message is null)
        {
            return;
        }

        _placeAfterRender = false;
        _module ??= await JS.ImportAsync("./Features/Chat/Log/MessageActions.razor.js", () => _disposed);
        _self ??= DotNetObjectReference.Create(this);
        if (_module is not null && _message is { } message)
        {
            var opened = _opened;
            var handle = await _module.InvokeAsync<IJSObjectReference>("open", _menu, Log, message.Seq, opened, _self);
            if (_disposed || _message is null || opened != _opened)
            {
                // Closed (or opened for another message) while the script was placing it.
                await handle.ReleaseAsync("dispose");
                return;
            }

            _handle = handle;
        }
    }

    /// <summary>The script closed the menu it opened as number opened (Escape, Tab, a click or scroll elsewhere).</summary>
    [JSInvokable]
    public async Task CloseAsync(int opened)
    {
        if (opened != _opened)
        {
            return;
        }

        _message = null;
        StateHasChanged();
        await ReleaseHandleAsync();
    }

    /// <summary>Closes the menu with the focus back on the message's button, before an action opens a dialog or moves on.</summary>
    private async Task<ChatMessage?> TakeAsync()
    {
        var message = _message;
        var handle = _handle;
        (_message, _handle) = (null, null);
        StateHasChanged();
        if (handle is not null)
        {
            try
            {
                // Gives the focus back to the message's button, then lets go of the script's listeners.
                await handle.InvokeVoidAsync("close");
            }
            finally
            {
                await handle.ReleaseAsync("dispose");
            }
        }

        return message;
    }

    private async Task ReleaseHandleAsync()
    {
        var handle = _handle;
        _handle = null;
        await handle.ReleaseAsync("dispose");
    }

    private static MarkupString Icon(string paths) => Svg.Icon(paths, 20);

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        await ReleaseHandleAsync();
        await _module.ReleaseAsync();
        _self?.Dispose();
    }
}
