using BlazorMessenger.Realtime;
using Microsoft.AspNetCore.Components;

namespace BlazorMessenger.Features.Chat;

/// <summary>A reply asked for in the log, for the page's composer: the message, who wrote it, and usernames for its mentions.</summary>
public sealed record ReplyRequest(ChatMessage Message, string SenderName, Func<string, string?> UserNameOf);

/// <summary>
/// What bubbles ask of their log (it cascades itself to them): the one actions menu, jumping to a quoted message, and
/// reactions; and the live changes to those (reactions, pins, a quoted message edited or deleted).
/// </summary>
public sealed partial class MessageLog
{
    private MessageActions? _actions;
    private bool _canPin;

    /// <summary>"Reply" in a message's menu: the page puts the quote above its composer.</summary>
    [Parameter]
    public EventCallback<ReplyRequest> OnReply { get; set; }

    [Inject]
    private ReactionService Reactions { get; set; } = default!;

    [Inject]
    private PinService Pins { get; set; } = default!;

    [Inject]
    private MudBlazor.ISnackbar Snackbar { get; set; } = default!;

    public Task OpenActionsAsync(ChatMessage message, bool mine, string senderName) =>
        _actions?.OpenAsync(message, mine, senderName) ?? Task.CompletedTask;

    public async Task SetReactionAsync(ChatMessage message, string emoji, bool add)
    {
        try
        {
            var result = await Reactions.SetAsync(UserId, message.Id, emoji, add, _cts.Token);
            if (!result.Succeeded)
            {
                Snackbar.Add(result.Error!, MudBlazor.Severity.Error);
            }
        }
        catch (NotAMemberException)
        {
            Snackbar.Add(NotAMemberException.Gone, MudBlazor.Severity.Error);
        }
    }

    /// <summary>Shows a message (a quote's original, a pin): at once when it is loaded, else with the page around it.</summary>
    public async Task JumpToAsync(long seq)
    {
        if (_messages.Count == 0 || seq < _messages[0].Seq || seq > LastSeq)
        {
            await LoadAroundAsync(seq);
        }

        _highlightSeq = _messages.Any(m => m.Seq == seq) ? seq : null;
        _scrollToHighlightAfterRender = true;
        StateHasChanged();
    }

    private Task ReplyAsync(ChatMessage message) =>
        OnReply.InvokeAsync(new ReplyRequest(message, message.SenderId == UserId ? "You" : PersonOf(message.SenderId).Name,
            id => MentionOf(id).UserName));

    private async Task LoadCanPinAsync() => _canPin = await Pins.CanPinAsync(UserId, Conversation.Id, _cts.Token);

    /// <summary>Whether a bubble names people beyond its sender (mentions, a quote, reactions): it renders again on renames.</summary>
    private static bool NamesOthers(ChatMessage message) =>
        message.ReplyTo is not null || message.Reactions is { Count: > 0 } || message.Body.Contains("<@", StringComparison.Ordinal);

    private void OnReactionsChanged(ReactionsChanged changed) =>
        Update(changed.MessageId, m => m with { Reactions = changed.Reactions.Count == 0 ? null : changed.Reactions });

    private void OnPinsChanged(PinsChanged changed) => Update(changed.MessageId, m => m with { PinnedUtc = changed.PinnedUtc });

    /// <summary>An edit or delete: the message itself, and the quotes of it in replies.</summary>
    private void Replace(ChatMessage changed)
    {
        var index = _messages.FindIndex(m => m.Id == changed.Id);
        if (index >= 0)
        {
            _messages[index] = changed with { Reactions = changed.IsDeleted ? null : changed.Reactions };
            _actions?.Update(_messages[index]);
        }

        for (var i = 0; i < _messages.Count; i++)
        {
            if (_messages[i].ReplyTo?.Id == changed.Id)
            {
                _messages[i] = _messages[i] with { ReplyTo = ChatQuote.Of(changed) };
            }
        }

        StateHasChanged();
    }

    private void Update(long messageId, Func<ChatMessage, ChatMessage> change)
    {
        var index = _messages.FindIndex(m => m.Id == messageId);
        if (index >= 0)
        {
            _messages[index] = change(_messages[index]);
            _actions?.Update(_messages[index]);
            StateHasChanged();
        }
    }
}
