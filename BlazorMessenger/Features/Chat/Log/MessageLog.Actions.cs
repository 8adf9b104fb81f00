using BlazorMessenger.Features.Chat.Pins;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace BlazorMessenger.Features.Chat.Log;

/// <summary>A reply or an edit asked for in the log, for the page's composer: the message, who wrote it, and usernames for its mentions.</summary>
public sealed record ReplyRequest(ChatMessage Message, string SenderName, Func<string, string?> UserNameOf);

/// <summary>
/// What bubbles ask of their log, through its script: jumping to a quoted message here, and the actions menu, the image
/// viewer and reactions through <see cref="MessageActions"/>; and the live changes to those (reactions, pins, a quoted
/// message edited or deleted).
/// </summary>
public sealed partial class MessageLog
{
    private MessageActions? _actions;
    private bool _canPin;

    /// <summary>"Reply" in a message's menu: the page puts the quote above its composer.</summary>
    [Parameter]
    public EventCallback<ReplyRequest> OnReply { get; set; }

    /// <summary>"Edit" of one's own message: the page's composer edits it in place.</summary>
    [Parameter]
    public EventCallback<ReplyRequest> OnEdit { get; set; }

    [Inject]
    private PinService Pins { get; set; } = default!;

    /// <summary>
    /// A bubble's button was pressed (the log's script listens once for all of them, rather than each bubble holding a
    /// handler per button): its actions, its quote, its image or one of its reactions.
    /// </summary>
    [JSInvokable]
    public Task ActAsync(long seq, string action, string? emoji)
    {
        if (Window.Find(seq) is not { } message)
        {
            return Task.CompletedTask;
        }

        return action switch
        {
            "quote" when message.ReplyTo is { } quote => _feed.JumpToAsync(quote.Seq),
            _ when _actions is null || message.IsDeleted => Task.CompletedTask,
            "actions" => _actions.OpenAsync(message, message.SenderId == UserId, Names.Of(message.SenderId)),
            "image" when message.Image is not null => _actions.ShowImageAsync(message),
            "react" when emoji is not null => _actions.ToggleReactionAsync(message, emoji),
            _ => Task.CompletedTask,
        };
    }

    private Task ReplyAsync(ChatMessage message) => OnReply.InvokeAsync(RequestFor(message));

    private Task EditAsync(ChatMessage message) => OnEdit.InvokeAsync(RequestFor(message));

    private ReplyRequest RequestFor(ChatMessage message) =>
        new(message, message.SenderId == UserId ? "You" : _people.PersonOf(message.SenderId).Name, id => _people.MentionOf(id).UserName);

    private async Task LoadCanPinAsync() => _canPin = await Pins.CanPinAsync(UserId, Conversation.Id, _cts.Token);

    /// <summary>An edit or delete: the message itself, and the quotes of it in replies.</summary>
    private void Replace(ChatMessage changed)
    {
        if (Window.Apply(changed) is { } updated)
        {
            _actions?.Update(updated);
        }

        StateHasChanged();
    }

    private void Update(long messageId, Func<ChatMessage, ChatMessage> change)
    {
        if (Window.Update(messageId, change) is { } updated)
        {
            _actions?.Update(updated);
            StateHasChanged();
        }
    }
}
