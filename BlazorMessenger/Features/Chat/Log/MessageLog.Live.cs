using BlazorMessenger.Realtime;

namespace BlazorMessenger.Features.Chat.Log;

/// <summary>The log's live part: events from the hub, and catch-up from the database after a gap or a reconnect.</summary>
public sealed partial class MessageLog
{
    private bool _atBottom = true;
    private int _newBelow;
    private string? _announcement;

    /// <summary>The newest Seq the hub has told of: one that arrived while a page was on its way is read once it is in.</summary>
    private long _latestKnownSeq;

    /// <summary>The newest Seq counted in "N new messages": a message told of and then read from the database counts once.</summary>
    private long _countedSeq;

    private Task OnEventAsync(MessengerEvent messengerEvent)
    {
        switch (messengerEvent)
        {
            case ReceiptMoved or ReceiptPrivacyChanged:
                return OnReceiptEventAsync(messengerEvent);
            case MessagePosted posted when posted.Message.ConversationId == Conversation.Id:
                return ReceiveAsync(posted.Message);
            case ProfileChanged profile when _people.TryGetValue(profile.UserId, out var person):
                _people[profile.UserId] = person with { DisplayName = profile.DisplayName, AvatarId = profile.AvatarId };
                PeopleChanged();
                StateHasChanged();
                break;
            case MessageChanged changed when changed.Message.ConversationId == Conversation.Id:
                Replace(changed.Message);
                break;
            case ReactionsChanged reactions when reactions.ConversationId == Conversation.Id:
                OnReactionsChanged(reactions);
                break;
            case PinsChanged pins when pins.ConversationId == Conversation.Id:
                OnPinsChanged(pins);
                break;
        }

        return Task.CompletedTask;
    }

    /// <summary>The next Seq is appended; an older one is a duplicate; a later one means a gap, read from the database.</summary>
    private async Task ReceiveAsync(ChatMessage message)
    {
        _latestKnownSeq = Math.Max(_latestKnownSeq, message.Seq);
        if (message.Seq <= LastSeq)
        {
            return;
        }

        if (_window.HasNewer && message.SenderId == UserId)
        {
            // One's own message, sent while reading further back: go to it, as every messenger does.
            await ShowNewestAsync();
            return;
        }

        if (_window.HasNewer)
        {
            // The reader is further back (a search result, a long unread stretch): offer the way down, leave no hole.
            CountNew([message]);
            StateHasChanged();
            return;
        }

        if (message.Seq == LastSeq + 1)
        {
            Append([message], moreBeyond: false);
        }
        else
        {
            await CatchUpAsync();
        }
    }

    /// <summary>
    /// After a reconnect: the messages and the receipts that moved meanwhile. A reader further back (the newest let go
    /// of) reads what came meanwhile as they scroll down: nothing below them is new to them yet.
    /// </summary>
    private async Task CatchUpAfterReconnectAsync()
    {
        if (!_window.HasNewer)
        {
            await CatchUpAsync();
        }

        await LoadReceiptsAsync();
        StateHasChanged();
    }

    /// <summary>A message the hub told of while a page was loading, and which that page was read too early to hold.</summary>
    private Task CatchUpIfBehindAsync() => !_window.HasNewer && _latestKnownSeq > LastSeq ? CatchUpAsync() : Task.CompletedTask;

    private async Task CatchUpAsync()
    {
        try
        {
            var (generation, after) = (_generation, LastSeq);
            var missing = await Chat.GetAfterAsync(UserId, Conversation.Id, after, _cts.Token);
            if (generation != _generation || LastSeq < after)
            {
                // A jump or the way back to the newest replaced the window meanwhile and read it afresh, or an older
                // page let go of the newest (they load again on the way down).
                return;
            }

            Append([.. missing.Where(m => m.Seq > LastSeq)], moreBeyond: missing.Count == MessageRules.CatchUpLimit);
        }
        catch (OperationCanceledException) when (_cts.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Adds messages that follow the window. A reader at the newest keeps the newest (the oldest go); one reading further
    /// back keeps their place, and what does not fit in the window waits below, on the way down.
    /// </summary>
    private void Append(IReadOnlyList<ChatMessage> fresh, bool moreBeyond)
    {
        _window.Append(fresh, Follows(fresh), moreBeyond);
        AfterArrival(fresh);
        StateHasChanged();
    }

    private void AfterArrival(IReadOnlyList<ChatMessage> arrived)
    {
        if (arrived.Count == 0)
        {
            return;
        }

        if (arrived.LastOrDefault(m => m.SenderId != UserId) is { } incoming)
        {
            _announcement = incoming.Kind == Data.MessageKind.System ? incoming.Body
                : Conversation.HasBlocked(incoming.SenderId) ? "Message from someone you blocked"
                : $"{PersonOf(incoming.SenderId).Name}: {MessageRules.Preview(incoming.Kind, Mentions.Decode(incoming.Body, id => PersonOf(id).UserName))}";
        }

        if (Follows(arrived))
        {
            _scroll |= ScrollWork.Bottom;
            _newBelow = 0;
        }
        else
        {
            CountNew(arrived);
        }
    }

    private void CountNew(IReadOnlyList<ChatMessage> arrived)
    {
        _newBelow += arrived.Count(m => m.Seq > _countedSeq);
        _countedSeq = Math.Max(_countedSeq, arrived[^1].Seq);
    }

    /// <summary>Whether the log follows new messages to the bottom: the reader is there (or sent one) and no jump holds them.</summary>
    private bool Follows(IReadOnlyList<ChatMessage> arrived) =>
        !_window.HasNewer && _highlightSeq is null && (_atBottom || arrived.Any(m => m.SenderId == UserId));
}
