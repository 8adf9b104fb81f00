using BlazorMessenger.Components.Account;
using BlazorMessenger.Data;
using BlazorMessenger.Features.Safety;
using BlazorMessenger.Features.Shared;
using BlazorMessenger.Realtime;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Features.Contacts;

/// <summary>
/// Adding someone by username creates the direct conversation for both people. For the other person it is a message
/// request until they add the adder too (or accept), unless they had already.
/// </summary>
public sealed class ContactService(
    IDbContextFactory<ApplicationDbContext> dbFactory,
    IMessengerHub hub,
    UserRateLimiter rateLimiter,
    SendRefusals refusals,
    TimeProvider time)
{
    public const string SlowDown = "You're adding contacts too quickly. Try again in a minute.";

    public async Task<IReadOnlyList<ContactView>> ListAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var contacts = await db.Contacts.AsNoTracking()
            .Where(c => c.OwnerId == userId)
            .Select(c => new ContactView(c.ContactUserId, c.ContactUser!.UserName!, c.ContactUser.DisplayName, c.AddedUtc, c.ContactUser.AvatarMediaId, c.ContactUser.IsBot))
            .ToListAsync(ct);
        var hiding = await db.HidingFromAsync(userId, [.. contacts.Select(c => c.UserId)], ct);
        return [.. contacts.Select(c => c.MaskedFor(hiding)).OrderBy(c => c.Name, StringComparer.CurrentCultureIgnoreCase)];
    }

    public async Task<ServiceResult<ContactAdded>> AddAsync(string userId, string? userName, CancellationToken ct = default)
    {
        var handle = UsernameRules.Normalize(userName);
        if (handle.Length == 0)
        {
            return ServiceResult<ContactAdded>.Fail("Enter the username of the person to add.");
        }

        if (!rateLimiter.TryAcquire(RateLimitedAction.AddContact, userId))
        {
            return ServiceResult<ContactAdded>.Fail(SlowDown);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var me = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.UserName).SingleAsync(ct);
        var other = await db.Users.AsNoTracking()
            .Where(u => u.NormalizedUserName == handle.ToUpperInvariant() && u.DeletedUtc == null)
            .Select(u => new { u.Id, u.UserName, u.DisplayName, u.AvatarMediaId, u.IsBot })
            .FirstOrDefaultAsync(ct);
        if (other is null)
        {
            return ServiceResult<ContactAdded>.Fail($"There is no user named '{handle}'.");
        }

        if (other.Id == userId)
        {
            return ServiceResult<ContactAdded>.Fail("You can't add yourself as a contact.");
        }

        if (await db.Contacts.AnyAsync(c => c.OwnerId == userId && c.ContactUserId == other.Id, ct))
        {
            return ServiceResult<ContactAdded>.Fail($"{other.UserName} is already in your contacts.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        // A bot takes everyone who adds it (it cannot write first: see BotChats).
        var mutual = other.IsBot || await db.Contacts.AnyAsync(c => c.OwnerId == other.Id && c.ContactUserId == userId, ct);
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            db.Contacts.Add(new Contact { OwnerId = userId, ContactUserId = other.Id, AddedUtc = now });
            var conversationId = await FindOrCreateDirectAsync(db, userId, other.Id, mutual, now, ct);
            await db.SaveChangesAsync(ct);

            // Adding the person accepts their request, if they had sent one.
            await db.MembershipOf(userId, conversationId).Where(m => m.RequestedUtc != null)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.RequestedUtc, (DateTime?)null).SetProperty(m => m.DismissedSeq, (long?)null), ct);
            await transaction.CommitAsync(ct);
            refusals.Changed();

            var hiding = await db.HidingFromAsync(userId, [other.Id], ct);
            var added = new ContactAdded(new ContactView(other.Id, other.UserName!, other.DisplayName, now, other.AvatarMediaId, other.IsBot).MaskedFor(hiding), conversationId);
            // A stranger's add is silent: the other person first hears of them by a message, as a request.
            hub.Publish([other.Id], new ConversationChanged(conversationId, mutual ? $"{me} added you as a contact." : null));
            hub.Publish([userId], new ConversationChanged(conversationId, null));
            hub.Publish([userId], new ContactsChanged());
            return ServiceResult<ContactAdded>.Ok(added);
        }
    }

    /// <summary>Removes the person from the caller's contacts; the conversation and its history stay.</summary>
    public async Task<bool> RemoveAsync(string userId, string contactUserId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var removed = await db.Contacts.Where(c => c.OwnerId == userId && c.ContactUserId == contactUserId).ExecuteDeleteAsync(ct);
        if (removed > 0)
        {
            refusals.Changed();
            hub.Publish([userId], new ContactsChanged());
        }

        return removed > 0;
    }

    /// <summary>A new conversation is a request for the other person unless they have the adder as a contact.</summary>
    private static async Task<long> FindOrCreateDirectAsync(
        ApplicationDbContext db, string userId, string otherId, bool mutual, DateTime now, CancellationToken ct)
    {
        var key = Conversation.DirectKeyFor(userId, otherId);
        var existing = await db.Conversations.Where(c => c.DirectKey == key).Select(c => (long?)c.Id).FirstOrDefaultAsync(ct);
        if (existing is { } id)
        {
            return id;
        }

        var conversation = new Conversation
        {
            Kind = ConversationKind.Direct,
            DirectKey = key,
            CreatedUtc = now,
            Members =
            [
                new ConversationMember { UserId = userId, Role = MemberRole.Member, JoinedUtc = now },
                new ConversationMember { UserId = otherId, Role = MemberRole.Member, JoinedUtc = now, RequestedUtc = mutual ? null : now },
            ],
        };
        db.Conversations.Add(conversation);
        await db.SaveChangesAsync(ct);
        return conversation.Id;
    }
}
