using BlazorMessenger.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorMessenger.Tests.TestSupport;

/// <summary>Old conversations for browser tests, written straight to the database.</summary>
public static class BrowserHistory
{
    /// <summary>
    /// Messages 1..count from senderId, an hour or two old ("message {i}" unless body says otherwise). Everyone has read
    /// them unless unread is set: a history to scroll and search, not a pile of new messages.
    /// </summary>
    public static async Task SeedAsync(
        this BrowserFixture browser, long conversationId, string senderId, int count, Func<int, string>? body = null, bool unread = false)
    {
        var factory = browser.App.Services.GetRequiredService<IDbContextFactory<ApplicationDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var start = DateTime.UtcNow.AddHours(-2);
        db.Messages.AddRange(Enumerable.Range(1, count).Select(i => new Message
        {
            ConversationId = conversationId, Seq = i, SenderId = senderId, ClientMessageId = Guid.NewGuid(),
            Body = body?.Invoke(i) ?? $"message {i}", CreatedUtc = start.AddSeconds(i),
        }));
        await db.SaveChangesAsync();
        await db.Conversations.Where(c => c.Id == conversationId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastSeq, count).SetProperty(c => c.LastMessageUtc, start.AddSeconds(count)));
        await db.ConversationMembers.Where(m => m.ConversationId == conversationId && (!unread || m.UserId == senderId))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LastReadSeq, count));
    }
}
