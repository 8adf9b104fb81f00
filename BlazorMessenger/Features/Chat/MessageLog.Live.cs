using BlazorMessenger.Realtime;

namespace BlazorMessenger.Features.Chat;

/// <summary>The log's live half: events from the hub, gap repair and catch-up from the database, read marks.</summary>
public sealed partial class MessageLog
{
    private void OnEvent(MessengerEvent messengerEvent)
    {
        if (messengerEvent is MessagePosted posted && posted.Message.ConversationId == Conversation.Id)
        {
            _ = InvokeAsync(() => ReceiveAsync(posted.Message));
        }
        else if (messengerEvent is ProfileChanged profile && profile.UserId == Conversation.Peer.UserId)
        {
            _ = InvokeAsync(() =>
            {
                _peer = Peer with { DisplayName = profile.DisplayName, AvatarId = profile.AvatarId };
                StateHasChanged();
            });
        }
        else if (messengerEvent is MessageChanged changed && changed.Message.ConversationId == Conversation.Id)
        {
            _ = InvokeAsync(() => Replace(changed.Message));
        }
    }

    private void Replace(ChatMessage changed)
    {
        var index = _messages.FindIndex(m => m.Id == changed.Id);
        if (index >= 0)
        {
            _messages[index] = changed;
            StateHasChanged();
        }
    }

    private void OnReconnected() => _ = InvokeAsync(CatchUpAsync);

    private async Task ReceiveAsync(ChatMessage message)
    {
        if (message.Seq <= LastSeq)
        {
            return;
        }

        if (message.Seq == LastSeq + 1)
        {
            _messages.Add(message);
            AfterArrival([message]);
        }
        else
        {
            await CatchUpAsync();
        }

        StateHasChanged();
        if (_atBottom)
        {
            await MarkReadAsync();
        }
    }

    private async Task CatchUpAsync()
    {
        try
        {
            var missing = await Chat.GetAfterAsync(UserId, Conversation.Id, LastSeq, _cts.Token);
            var fresh = missing.Where(m => m.Seq > LastSeq).ToList();
            _messages.AddRange(fresh);
            _hasNewer = missing.Count == MessageRules.CatchUpLimit;
            AfterArrival(fresh);
            StateHasChanged();
        }
        catch (OperationCanceledException) when (_cts.IsCancellationRequested)
        {
        }
    }

    private void AfterArrival(IReadOnlyList<ChatMessage> arrived)
    {
        if (arrived.Count == 0)
        {
            return;
        }

        if (!_hasNewer && _highlightSeq is null && (_atBottom || arrived.Any(m => m.SenderId == UserId)))
        {
            _scrollToBottomAfterRender = true;
            _newBelow = 0;
        }
        else
        {
            _newBelow += arrived.Count;
        }
    }

    private async Task MarkReadAsync()
    {
        if (_messages.Count > 0 && !_cts.IsCancellationRequested)
        {
            await Chat.MarkReadAsync(UserId, Conversation.Id, LastSeq, _cts.Token);
        }
    }
}
