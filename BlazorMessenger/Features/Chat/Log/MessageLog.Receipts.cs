using BlazorMessenger.Features.Receipts;
using BlazorMessenger.Realtime;
using Microsoft.AspNetCore.Components;

namespace BlazorMessenger.Features.Chat.Log;

/// <summary>
/// The ticks on the reader's own messages: the other members' delivered and read positions, read when the log opens,
/// when a group's members change and after a reconnect, and moved live by the receipt writer's events.
/// </summary>
public sealed partial class MessageLog
{
    private ReceiptPositions _receipts = ReceiptPositions.None;

    [Inject]
    private ReceiptService Receipts { get; set; } = default!;

    /// <summary>Only one's own stored messages carry ticks (a waiting one keeps its clock in the outbox's bubble).</summary>
    private ReceiptStatus? ReceiptOf(ChatMessage message) =>
        message.SenderId == UserId && !message.IsDeleted ? _receipts.StatusOf(message.Seq) : null;

    private async Task LoadReceiptsAsync() =>
        _receipts = await Receipts.PositionsAsync(UserId, Conversation.Id, _cts.Token);

    private async Task OnReceiptEventAsync(MessengerEvent messengerEvent)
    {
        switch (messengerEvent)
        {
            case ReceiptMoved moved when moved.ConversationId == Conversation.Id:
                _receipts = _receipts.With(moved.Position);
                break;
            case ReceiptPrivacyChanged:
                await LoadReceiptsAsync();
                break;
            default:
                return;
        }

        StateHasChanged();
    }
}
