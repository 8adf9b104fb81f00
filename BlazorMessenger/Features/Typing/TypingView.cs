using BlazorMessenger.Realtime;

namespace BlazorMessenger.Features.Typing;

/// <summary>The typing in some conversations at one moment (Version: the tracker's then; later events have higher ones).</summary>
public sealed record TypingNow(IReadOnlyDictionary<long, TypingChanged> Typing, long Version);

/// <summary>
/// What one screen shows of typing: the state it loaded and the events since. Events may arrive out of order (they
/// are published outside the tracker's lock), so per conversation the highest version wins.
/// </summary>
public sealed class TypingView
{
    private long _loaded;
    private Dictionary<long, TypingChanged> _latest = [];

    public void Load(TypingNow now)
    {
        _loaded = now.Version;
        _latest = new Dictionary<long, TypingChanged>(now.Typing);
    }

    /// <summary>Takes the event unless something newer is known; true when what shows changed.</summary>
    public bool Apply(TypingChanged changed)
    {
        if (changed.Version <= _loaded || (_latest.TryGetValue(changed.ConversationId, out var known) && known.Version >= changed.Version))
        {
            return false;
        }

        _latest[changed.ConversationId] = changed;
        return true;
    }

    public IReadOnlyList<Typist>? In(long conversationId) => _latest.GetValueOrDefault(conversationId)?.Typists;
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
