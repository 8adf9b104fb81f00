namespace BlazorMessenger.Features.Chat.Log;

/// <summary>
/// The stretch of a conversation the log holds, in Seq order, and whether there is more above and below it. Every
/// rendered bubble stays in the circuit's memory, so the window holds at most <see cref="Size"/> messages: a page added
/// at one end lets go of as many at the other (which then has more again). No renderer, no database: the log component
/// asks the service for pages and hands them here.
/// </summary>
public sealed class LogWindow(int size)
{
    private readonly List<ChatMessage> _messages = [];

    /// <summary>The most messages held at once.</summary>
    public int Size { get; } = size;

    public IReadOnlyList<ChatMessage> Messages => _messages;

    public int Count => _messages.Count;

    /// <summary>Older messages exist than the first held.</summary>
    public bool HasOlder { get; private set; }

    /// <summary>Newer messages exist than the last held (the reader is further back).</summary>
    public bool HasNewer { get; private set; }

    public long FirstSeq => _messages.Count == 0 ? 0 : _messages[0].Seq;

    public long LastSeq => _messages.Count == 0 ? 0 : _messages[^1].Seq;

    /// <summary>Whether a Seq falls within the stretch held (it may still be a gap, such as a Seq no one can read).</summary>
    public bool Spans(long seq) => _messages.Count > 0 && seq >= FirstSeq && seq <= LastSeq;

    public ChatMessage? Find(long seq) => _messages.Find(m => m.Seq == seq);

    /// <summary>Holds the newest page instead of whatever was held.</summary>
    public void ShowNewest(IReadOnlyList<ChatMessage> page) =>
        Replace(page, hasOlder: page.Count == MessageRules.PageSize && page[0].Seq > 1, hasNewer: false);

    /// <summary>Holds the page around a message instead of whatever was held.</summary>
    public void ShowAround(IReadOnlyList<ChatMessage> page, bool hasNewer) =>
        Replace(page, hasOlder: page.Count > 0 && page[0].Seq > 1, hasNewer);

    /// <summary>Adds the page before the first held, letting go of the newest beyond the window.</summary>
    public void Prepend(IReadOnlyList<ChatMessage> older)
    {
        _messages.InsertRange(0, older);
        HasOlder = older.Count == MessageRules.PageSize && older[0].Seq > 1;
        if (_messages.Count > Size)
        {
            _messages.RemoveRange(Size, _messages.Count - Size);
            HasNewer = true;
        }
    }

    /// <summary>Adds the page after the last held, letting go of the oldest beyond the window.</summary>
    public void AppendPage(IReadOnlyList<ChatMessage> newer, bool hasNewer)
    {
        _messages.AddRange(newer);
        HasNewer = hasNewer;
        LetGoOfOldest();
    }

    /// <summary>
    /// Adds messages after the last held. Following the newest, the window keeps the newest (the oldest go); otherwise
    /// the reader keeps their place and what does not fit waits below. Answers the messages taken.
    /// </summary>
    /// <param name="newer">Messages after the last held, in order.</param>
    /// <param name="follow">Whether the reader follows new messages (at the bottom, nothing held above the newest).</param>
    /// <param name="moreBeyond">Whether more exist after these.</param>
    public IReadOnlyList<ChatMessage> Append(IReadOnlyList<ChatMessage> newer, bool follow, bool moreBeyond)
    {
        var taken = follow ? newer : newer.Take(Math.Max(0, Size - _messages.Count)).ToList();
        _messages.AddRange(taken);
        LetGoOfOldest();
        HasNewer |= moreBeyond || taken.Count < newer.Count;
        return taken;
    }

    /// <summary>An edit or delete: the message itself (answered, when held) and the quotes of it in replies.</summary>
    public ChatMessage? Apply(ChatMessage changed)
    {
        var updated = Update(changed.Id, _ => changed with { Reactions = changed.IsDeleted ? null : changed.Reactions });
        for (var i = 0; i < _messages.Count; i++)
        {
            if (_messages[i].ReplyTo?.Id == changed.Id)
            {
                _messages[i] = _messages[i] with { ReplyTo = ChatQuote.Of(changed) };
            }
        }

        return updated;
    }

    /// <summary>A message the reader deleted for themselves leaves the window (the Seq it leaves is a gap, as one no one can read).</summary>
    public bool Remove(long messageId) => _messages.RemoveAll(m => m.Id == messageId) > 0;

    /// <summary>Changes a held message (its reactions, its pin); answers it changed, or null when it is not held.</summary>
    public ChatMessage? Update(long messageId, Func<ChatMessage, ChatMessage> change)
    {
        var index = _messages.FindIndex(m => m.Id == messageId);
        if (index < 0)
        {
            return null;
        }

        _messages[index] = change(_messages[index]);
        return _messages[index];
    }

    private void LetGoOfOldest()
    {
        if (_messages.Count > Size)
        {
            _messages.RemoveRange(0, _messages.Count - Size);
            HasOlder = true;
        }
    }

    private void Replace(IReadOnlyList<ChatMessage> messages, bool hasOlder, bool hasNewer)
    {
        _messages.Clear();
        _messages.AddRange(messages);
        (HasOlder, HasNewer) = (hasOlder, hasNewer);
    }
}
