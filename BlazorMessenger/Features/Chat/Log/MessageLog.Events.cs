using BlazorMessenger.Features.Receipts;
using BlazorMessenger.Realtime;
using Microsoft.AspNetCore.Components;

namespace BlazorMessenger.Features.Chat.Log;

/// <summary>
/// The log's live part: the hub's events (messages, edits, reactions, pins, renames, receipts) and the catch-up after a
/// reconnect; the ticks on the reader's own messages (the other members' delivered and read positions, read when the log
/// opens, when a group's members change and after a reconnect); and the polite announcement of others' new messages.
/// </summary>
public sealed partial class MessageLog
{
    private string? _announcement;

    [Inject]
    private ReceiptService Receipts { get; set; } = default!;

    private Task OnEventAsync(MessengerEvent messengerEvent)
    {
        switch (messengerEvent)
        {
            case MessagePosted posted when posted.Message.ConversationId == Conversation.Id:
                return _feed.ReceiveAsync(posted.Message);
            case ReceiptMoved moved when moved.ConversationId == Conversation.Id:
                _looks.Receipts = _looks.Receipts.With(moved.Position);
                StateHasChanged();
                break;
            case ReceiptPrivacyChanged:
                return ReloadReceiptsAsync();
            case ProfileChanged profile when _people.Rename(profile.UserId, profile.DisplayName, profile.AvatarId):
                StateHasChanged();
                break;
            case MessageChanged changed when changed.Message.ConversationId == Conversation.Id:
                Replace(changed.Message);
                break;
            case ReactionsChanged reactions when reactions.ConversationId == Conversation.Id:
                Update(reactions.MessageId, m => m with { Reactions = reactions.Reactions.Count == 0 ? null : reactions.Reactions });
                break;
            case MessageHidden hidden when hidden.ConversationId == Conversation.Id && Window.Remove(hidden.MessageId):
                StateHasChanged();
                break;
            case PinsChanged pins when pins.ConversationId == Conversation.Id:
                Update(pins.MessageId, m => m with { PinnedUtc = pins.PinnedUtc });
                break;
        }

        return Task.CompletedTask;
    }

    /// <summary>After a reconnect: the messages and the receipts that moved meanwhile.</summary>
    private async Task CatchUpAfterReconnectAsync()
    {
        await _feed.CatchUpAtNewestAsync();
        await ReloadReceiptsAsync();
    }

    private void Announce(ChatMessage incoming) =>
        _announcement = incoming.Kind == Data.MessageKind.System ? incoming.Body
            : Conversation.HasBlocked(incoming.SenderId) ? "Message from someone you blocked"
            : $"{_people.PersonOf(incoming.SenderId).Name}: {MessageRules.Preview(incoming.Kind, Mentions.Decode(incoming.Body, id => _people.PersonOf(id).UserName))}";

    private async Task LoadReceiptsAsync() =>
        _looks.Receipts = await Receipts.PositionsAsync(UserId, Conversation.Id, _cts.Token);

    private async Task ReloadReceiptsAsync()
    {
        await LoadReceiptsAsync();
        StateHasChanged();
    }
}
