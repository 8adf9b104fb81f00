using BlazorMessenger.Realtime;

namespace BlazorMessenger.Features.Typing;

/// <summary>
/// The typing this instance (Source) knows of in some conversations at one moment (Version: its tracker's then; its
/// later events have higher ones).
/// </summary>
public sealed record TypingNow(IReadOnlyDictionary<long, TypingChanged> Typing, long Version, string Source = "");

/// <summary>
/// What one screen shows of typing: the state it loaded and the events since, from every instance. Events may arrive
/// out of order (they are published outside the tracker's lock), so per conversation and instance the highest version
/// wins; the screen shows everyone typing through any instance.
/// </summary>
public sealed class TypingView
{
    private TypingNow _loaded = new(new Dictionary<long, TypingChanged>(), 0);
    private Dictionary<(long Conversation, string Source), TypingChanged> _latest = [];

    /// <summary>This instance's typing now; what other instances told stays until they tell more.</summary>
    public void Load(TypingNow now)
    {
        _loaded = now;
        _latest = _latest.Where(l => l.Key.Source != now.Source)
            .Concat(now.Typing.Values.Select(t => KeyValuePair.Create((t.ConversationId, t.Source), t)))
            .ToDictionary();
    }

    /// <summary>Takes the event unless something newer is known from its instance; true when what shows changed.</summary>
    public bool Apply(TypingChanged changed)
    {
        var key = (changed.ConversationId, changed.Source);
        if ((changed.Source == _loaded.Source && changed.Version <= _loaded.Version)
            || (_latest.TryGetValue(key, out var known) && known.Version >= changed.Version))
        {
            return false;
        }

        _latest[key] = changed;
        return true;
    }

    public IReadOnlyList<Typist>? In(long conversationId)
    {
        var typists = _latest.Where(l => l.Key.Conversation == conversationId).SelectMany(l => l.Value.Typists)
            .DistinctBy(t => t.UserId).ToList();
        return typists.Count == 0 ? null : typists;
    }
}

/// <summary>How typing reads: "alice is typing…", "alice and bob are typing…", "3 people are typing…".</summary>
public static class TypingText
{
    /// <summary>The sentence for everyone typing but the reader, or null when nobody else is.</summary>
    public static string? Of(IReadOnlyList<Typist>? typists, string readerId)
    {
        var others = typists?.Where(t => t.UserId != readerId).Select(t => t.Name).ToList() ?? [];
        return others.Count switch
        {
            0 => null,
            1 => $"{others[0]} is typing…",
            2 => $"{others[0]} and {others[1]} are typing…",
            _ => $"{others.Count} people are typing…",
        };
    }
}
