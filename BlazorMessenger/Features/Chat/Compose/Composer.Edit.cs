using BlazorMessenger.Features.Chat.Log;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace BlazorMessenger.Features.Chat.Compose;

/// <summary>One's own message being edited in the box: its id, and its text as it was, shown above the box.</summary>
public sealed record EditDraft(long MessageId, string Original);

/// <summary>
/// Editing in place, as the references do: "Edit" puts the message's text in the box (mentions as @username) with a bar
/// above it; Enter saves it through the service (it is not a new message for the outbox), Esc or the bar's close gives up;
/// either way the draft that was in the box comes back (Composer.Text.js keeps it meanwhile).
/// </summary>
public sealed partial class Composer
{
    private EditDraft? _editing;

    [Inject]
    private MessageChangeService Changes { get; set; } = default!;

    /// <summary>The log's "Edit" of one of the reader's messages.</summary>
    public async Task EditAsync(ReplyRequest request)
    {
        if (_disposed || _module is null)
        {
            return;
        }

        var message = request.Message;
        _editing = new EditDraft(message.Id, QuoteText.Of(ChatQuote.Of(message), request.UserNameOf));
        _error = null;
        StateHasChanged();
        await _module.InvokeVoidAsync("startEdit", _area, Mentions.Decode(message.Body, request.UserNameOf));
    }

    /// <summary>Enter in the box while editing: the service checks and stores it; a refusal shows under the box.</summary>
    [JSInvokable]
    public async Task SaveEditAsync(string text)
    {
        if (_editing is not { } editing)
        {
            return;
        }

        var result = await Changes.EditAsync(UserId, editing.MessageId, text);
        if (result.Succeeded)
        {
            await EndEditAsync();
            return;
        }

        _error = result.Error;
        StateHasChanged();
    }

    /// <summary>Esc in the box, or the bar's close.</summary>
    [JSInvokable]
    public Task CancelEditAsync() => EndEditAsync();

    private async Task EndEditAsync()
    {
        _editing = null;
        _error = null;
        StateHasChanged();
        if (_module is not null && !_disposed)
        {
            await _module.InvokeVoidAsync("endEdit", _area);
        }
    }
}
