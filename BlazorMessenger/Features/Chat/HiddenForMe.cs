using BlazorMessenger.Data;

namespace BlazorMessenger.Features.Chat;

/// <summary>Messages someone deleted for themselves ("Delete for me") leave their history and search; the others keep them.</summary>
public static class HiddenForMe
{
    /// <summary>The messages the user has not deleted for themselves (composes inside EF queries, as the membership filters do).</summary>
    public static IQueryable<Message> NotHiddenFrom(this IQueryable<Message> messages, ApplicationDbContext db, string userId) =>
        messages.Where(m => !db.HiddenMessages.Any(h => h.UserId == userId && h.MessageId == m.Id));
}
