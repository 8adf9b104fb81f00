using BlazorMessenger.Data;
using BlazorMessenger.Features.Presence;
using BlazorMessenger.Realtime;

namespace BlazorMessenger.Features.Chat.List;

/// <summary>What applying a hub event to the list did.</summary>
public enum ListUpdate
{
    /// <summary>Nothing the list shows changed.</summary>
    None,

    /// <summary>The list changed in place: render it.</summary>
    Changed,

    /// <summary>The list cannot tell from the event alone (a name, a picture, a mention count): read it again.</summary>
    Reload,
}

/// <summary>
/// The conversation list apart from its rendering: the reader's conversations newest first, who of their peers is
/// online, and every hub event applied in place where the event alone tells what changed. A loaded snapshot and events
/// applied while it loaded merge: a conversation keeps whichever of its two states has the later message, and the later
/// read and delivered positions.
/// </summary>
public sealed class ConversationListState(string userId)
{
    private List<ConversationSummary> _conversations = [];
    private HashSet<string> _online = [];
    private readonly Dictionary<string, string> _senderNames = new(StringComparer.Ordinal);

    /// <summary>Every conversation of the reader's, the latest activity first.</summary>
    public IReadOnlyList<ConversationSummary> Conversations => _conversations;

    /// <summary>Peers of direct conversations who are online now.</summary>
    public IReadOnlySet<string> Online => _online;

    /// <summary>Conversations the reader is in, apart from message requests (those wait under their own button).</summary>
    public IEnumerable<ConversationSummary> Chats => _conversations.Where(c => !c.IsRequest);

    public IEnumerable<ConversationSummary> Requests => _conversations.Where(c => c.IsRequest);

    /// <summary>The chats whose name or peer's username contains the filter (all of them for an empty one).</summary>
    public IEnumerable<ConversationSummary> Matching(string filter) => filter.Trim() is not { Length: > 0 } term
        ? Chats
        : Chats.Where(c => c.Name.Contains(term, StringComparison.CurrentCultureIgnoreCase)
                           || c.Peer?.UserName.Contains(term, StringComparison.OrdinalIgnoreCase) == true);

    /// <summary>Unread messages of the chats not muted (muted ones count for nothing, as their badges are grey).</summary>
    public long UnreadNotMuted(Func<DateTime?, bool> isMuted) => Chats.Where(c => !isMuted(c.MutedUntilUtc)).Sum(c => c.Unread);

    public ConversationSummary? Find(long conversationId) => _conversations.Find(c => c.Id == conversationId);

    /// <summary>Takes a snapshot read from the database, merged with what events brought meanwhile.</summary>
    public void Load(IEnumerable<ConversationSummary> snapshot, Func<string, bool> isOnline)
    {
        var loaded = snapshot.ToList();
        _conversations = [.. loaded.Select(KeepNewer).OrderByDescending(c => c.LastActivityUtc)];
        _online = _conversations.Where(c => c.Peer is { Hidden: false }).Select(c => c.Peer!.UserId).Where(isOnline).ToHashSet();
        foreach (var summary in loaded.Where(s => s.LastMessageSenderName is not null))
        {
            _senderNames[summary.LastMessageSenderId!] = summary.LastMessageSenderName!;
        }
    }

    /// <summary>Applies one hub event (typing is the <c>TypingView</c>'s).</summary>
    public ListUpdate Apply(MessengerEvent messengerEvent)
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
                        // As the writer does: sending marks everything up to one's own message read.
                        LastReadSeq = message.SenderId == userId ? message.Seq : known.LastReadSeq,
                    });
                }

                return ListUpdate.Changed;
            case MessageChanged { Message: var changed } when Find(changed.ConversationId) is { } known && known.LastSeq == changed.Seq:
                if (changed.Body.Contains("<@", StringComparison.Ordinal))
                {
                    return ListUpdate.Reload;
                }

                Replace(known with
                {
                    LastMessagePreview = changed.IsDeleted ? MessageRules.DeletedText : MessageRules.Preview(changed.Kind, changed.Body),
                });
                return ListUpdate.Changed;
            case ReadStateChanged read when Find(read.ConversationId) is { } known:
                if (known.MentionsOfMe > 0)
                {
                    return ListUpdate.Reload;
                }

                Replace(known with { LastReadSeq = Math.Max(known.LastReadSeq, read.LastReadSeq) });
                return ListUpdate.Changed;
            case PresenceChanged presence:
                _ = presence.IsOnline ? _online.Add(presence.UserId) : _online.Remove(presence.UserId);
                return ListUpdate.Changed;
            case ConversationChanged or MessagePosted or ProfileChanged:
                return ListUpdate.Reload;
            default:
                return ListUpdate.None;
        }
    }

    /// <summary>The newest message of each conversation the reader is in that is not yet known as delivered.</summary>
    public Dictionary<long, long> Undelivered() =>
        _conversations.Where(c => c.EndedSeq is null && c.LastSeq > c.DeliveredSeq).ToDictionary(c => c.Id, c => c.LastSeq);

    /// <summary>Of what a render showed, what is still not known as delivered.</summary>
    public Dictionary<long, long> StillUndelivered(IReadOnlyDictionary<long, long> shown) =>
        shown.Where(r => Find(r.Key) is { } known && r.Value > known.DeliveredSeq).ToDictionary();

    public void MarkDelivered(IReadOnlyDictionary<long, long> delivered)
    {
        foreach (var (id, seq) in delivered)
        {
            var index = _conversations.FindIndex(c => c.Id == id);
            if (index >= 0 && _conversations[index].DeliveredSeq < seq)
            {
                _conversations[index] = _conversations[index] with { DeliveredSeq = seq };
            }
        }
    }

    /// <summary>
    /// A group's system message may rename it or change its picture, a message from someone the list has not named yet
    /// needs their name, and a mention needs names and counting: these read the list again; the rest applies in place.
    /// </summary>
    private bool NeedsReload(ConversationSummary known, ChatMessage message) =>
        message.Kind == MessageKind.System
        || (known.IsGroup && message.SenderId != userId && !_senderNames.ContainsKey(message.SenderId))
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

    private void Replace(ConversationSummary updated)
    {
        _conversations.RemoveAll(c => c.Id == updated.Id);
        _conversations.Add(updated);
        _conversations.Sort((a, b) => b.LastActivityUtc.CompareTo(a.LastActivityUtc));
    }
}
