using BlazorMessenger.Data;
using BlazorMessenger.Features.Chat;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Features.Hooks;

/// <summary>The webhooks among a conversation's people: senders its log names, though never members.</summary>
public static class HookPeople
{
    /// <summary>Every webhook the conversation has had (a deleted one's posts keep its name), as the people a log knows.</summary>
    public static async Task AddHooksAsync(this ApplicationDbContext db, long conversationId, IDictionary<string, ChatPeer> people, CancellationToken ct)
    {
        var hooks = await db.Webhooks.AsNoTracking().Where(h => h.ConversationId == conversationId)
            .Select(h => new ChatPeer(h.UserId, h.User!.UserName!, h.User.DisplayName, null, h.User.AvatarMediaId, false, true))
            .ToListAsync(ct);
        foreach (var hook in hooks)
        {
            people.TryAdd(hook.UserId, hook);
        }
    }
}
