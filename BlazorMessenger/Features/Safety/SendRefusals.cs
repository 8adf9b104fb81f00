using System.Collections.Concurrent;
using BlazorMessenger.Data;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Features.Safety;

/// <summary>
/// <see cref="Relations.RefusalAsync"/> on the send path without a database round trip per message: answers are kept
/// per (sender, conversation) and all forgotten whenever anything they depend on changes (a block, a contact, the
/// "who can message me" setting, an account deleted). Those changes are rare next to messages.
/// </summary>
public sealed class SendRefusals(IDbContextFactory<ApplicationDbContext> dbFactory)
{
    private const int MaxKept = 100_000;
    private readonly ConcurrentDictionary<(string SenderId, long ConversationId), string?> _known = new();
    private long _version;

    public async Task<string?> ForAsync(string senderId, long conversationId, CancellationToken ct = default)
    {
        if (_known.TryGetValue((senderId, conversationId), out var known))
        {
            return known;
        }

        var version = Interlocked.Read(ref _version);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var refusal = await db.RefusalAsync(senderId, conversationId, ct);
        // A change while the answer was being read may have outdated it: use it this once, keep it only if none came
        // before it was stored (checked again after storing, so a change in between takes it out).
        if (_known.Count >= MaxKept)
        {
            _known.Clear();
        }

        _known[(senderId, conversationId)] = refusal;
        if (Interlocked.Read(ref _version) != version)
        {
            _known.TryRemove((senderId, conversationId), out _);
        }

        return refusal;
    }

    /// <summary>Something an answer may depend on changed: forget them all.</summary>
    public void Changed()
    {
        Interlocked.Increment(ref _version);
        _known.Clear();
    }
}
