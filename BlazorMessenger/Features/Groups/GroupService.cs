using BlazorMessenger.Components.Account;
using BlazorMessenger.Data;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Chat.Writer;
using BlazorMessenger.Features.Media;
using BlazorMessenger.Features.Safety;
using BlazorMessenger.Features.Hooks;
using BlazorMessenger.Features.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BlazorMessenger.Features.Groups;

/// <summary>
/// Groups: creating one, reading it, and every change to it. Each change is a group change run by the message writer
/// in the transaction that stores its system message ("bob added carol"), so it is checked against the database as it
/// is at that moment, gets its own Seq and reaches every member's open screens like any message. This file: creating,
/// reading and running changes; GroupService.Settings.cs: the name and the picture; GroupService.Members.cs: members and
/// roles.
/// </summary>
public sealed partial class GroupService(
    IDbContextFactory<ApplicationDbContext> dbFactory,
    MessageWriter writer,
    UserRateLimiter rateLimiter,
    Pictures pictures,
    MediaStore mediaStore,
    IOptions<GroupOptions> options,
    TimeProvider time)
{
    private int MaxMembers => options.Value.MaxMembers;

    /// <summary>Creates the group with the caller as its owner and the named people as members; answers its id.</summary>
    public async Task<ServiceResult<long>> CreateAsync(
        string userId, string? name, IEnumerable<string> memberUserNames, CancellationToken ct = default)
    {
        if (GroupRules.CleanTitle(name) is not { } title)
        {
            return ServiceResult<long>.Fail(GroupRules.TitleLength);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var me = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.UserName!).SingleAsync(ct);
        var found = await FindUsersAsync(db, userId, memberUserNames, ct);
        if (found.Error is { } error)
        {
            return ServiceResult<long>.Fail(error);
        }

        var others = found.Users.Where(u => u.Id != userId).ToList();
        if (others.Count == 0)
        {
            return ServiceResult<long>.Fail(GroupRules.NoOneElse);
        }

        if (others.Count(u => !u.IsBot) + 1 > MaxMembers)
        {
            return ServiceResult<long>.Fail(GroupRules.TooMany(MaxMembers));
        }

        if (!rateLimiter.TryAcquire(RateLimitedAction.CreateGroup, userId))
        {
            return ServiceResult<long>.Fail(GroupRules.SlowDown);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var strangers = await StrangersToAsync(db, userId, [.. others.Select(u => u.Id)], ct);
        var group = new Conversation
        {
            Kind = ConversationKind.Group,
            Title = title,
            CreatedUtc = now,
            Members =
            [
                new ConversationMember { UserId = userId, Role = MemberRole.Owner, JoinedUtc = now },
                .. others.Select(u => new ConversationMember
                {
                    UserId = u.Id, Role = MemberRole.Member, JoinedUtc = now, RequestedUtc = strangers.Contains(u.Id) ? now : null,
                }),
            ],
        };
        db.Conversations.Add(group);
        await db.SaveChangesAsync(ct);

        // Everyone's list learns of the group from its first message; a group whose first message could not be stored
        // would reach nobody, so it is undone.
        try
        {
            var first = await writer.WriteAsync(new NewMessage(userId, group.Id, Guid.NewGuid(), "", Limited: false,
                Change: (_, _, _) => Task.FromResult(new GroupChangeResult($"{me} created the group \"{title}\""))), CancellationToken.None);
            if (!first.Succeeded)
            {
                await DeleteAsync(group.Id);
                return ServiceResult<long>.Fail(first.Error!);
            }
        }
        catch
        {
            await DeleteAsync(group.Id);
            throw;
        }

        return ServiceResult<long>.Ok(group.Id);
    }

    /// <summary>
    /// Of these people, those the inviter is a stranger to: not in their contacts, and no direct conversation with them
    /// that they accepted. For them the group is a message request (no preview, badge or notification until accepted).
    /// </summary>
    private static async Task<HashSet<string>> StrangersToAsync(
        ApplicationDbContext db, string inviterId, IReadOnlyCollection<string> userIds, CancellationToken ct)
    {
        // A bot is never a stranger: it takes every group it is added to (whoever may add members decides).
        var knowing = await db.Users.Where(u => userIds.Contains(u.Id))
            .Where(u => u.IsBot || db.Contacts.Any(c => c.OwnerId == u.Id && c.ContactUserId == inviterId)
                || db.MembershipsOf(inviterId).Any(o => o.Conversation!.Kind == ConversationKind.Direct
                    && o.Conversation.Members.Any(m => m.UserId == u.Id && m.RequestedUtc == null)))
            .Select(u => u.Id)
            .ToListAsync(ct);
        return userIds.Except(knowing, StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Who added the person: the sender of the message that did (the group's first one for its first members).</summary>
    private static Task<string?> InviterAsync(ApplicationDbContext db, long groupId, long joinedSeq, CancellationToken ct)
    {
        var seq = joinedSeq == 0 ? 1 : joinedSeq;
        return db.Messages.Where(m => m.ConversationId == groupId && m.Seq == seq).Select(m => (string?)m.SenderId).FirstOrDefaultAsync(ct);
    }

    private async Task DeleteAsync(long groupId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await db.Conversations.Where(c => c.Id == groupId).ExecuteDeleteAsync();
    }

    /// <summary>
    /// The group as the caller sees it: a current member sees all of it; someone who left or was removed sees it
    /// read-only, up to the message that ended their membership. Null for anyone else, or when it is not a group.
    /// </summary>
    public async Task<GroupView?> OpenAsync(string userId, long groupId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var group = await db.MembershipOf(userId, groupId).AsNoTracking()
            .Where(m => m.Conversation!.Kind == ConversationKind.Group)
            .Select(m => new { m.Conversation!.Title, m.Conversation.PictureMediaId, m.Conversation.LastSeq, m.Conversation.MembersCanPin })
            .FirstOrDefaultAsync(ct);
        if (group is null)
        {
            return null;
        }

        var rows = await db.ConversationMembers.AsNoTracking()
            .Where(m => m.ConversationId == groupId)
            .Select(m => new
            {
                Person = new ChatPeer(m.UserId, m.User!.UserName!, m.User.DisplayName, null, m.User.AvatarMediaId, false, m.User.IsBot),
                m.Role, m.JoinedUtc, m.JoinedSeq, m.LeftSeq, m.LeftUtc, m.LastReadSeq, m.TitleWhenLeft, m.RequestedUtc,
            })
            .ToListAsync(ct);
        var hiding = await db.HidingFromAsync(userId, [.. rows.Select(r => r.Person.UserId)], ct);
        rows = [.. rows.Select(r => r with { Person = r.Person.MaskedFor(hiding) })];
        var blocked = await db.Blocks.AsNoTracking().Where(b => b.BlockerId == userId).Select(b => b.BlockedId).ToListAsync(ct);
        var mine = rows.Single(r => r.Person.UserId == userId);
        if (mine.LeftSeq is { } ended)
        {
            // Someone no longer in the group sees it as it was: its name then, the people who were in it, no members or presence.
            var title = mine.TitleWhenLeft ?? group.Title ?? "";
            var before = rows.Where(r => r.JoinedUtc <= mine.LeftUtc || r.LeftSeq <= ended)
                .ToDictionary(r => r.Person.UserId, r => r.Person, StringComparer.Ordinal);
            await db.AddHooksAsync(groupId, before, ct);
            return new GroupView(
                new OpenConversation(groupId, title, null, before, ended, mine.LastReadSeq, ended, new HashSet<string>()), null, [], null);
        }

        var members = rows.Where(r => r.LeftSeq is null)
            .Select(r => new GroupMember(r.Person, r.Role, DateTime.SpecifyKind(r.JoinedUtc, DateTimeKind.Utc)))
            .OrderBy(m => GroupRules.Rank(m.Role)).ThenBy(m => m.Person.Name, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
        var people = rows.ToDictionary(r => r.Person.UserId, r => r.Person, StringComparer.Ordinal);
        await db.AddHooksAsync(groupId, people, ct);
        var conversation = new OpenConversation(
            groupId, group.Title ?? "", null, people, group.LastSeq, mine.LastReadSeq, null,
            members.Select(m => m.Person.UserId).ToHashSet(StringComparer.Ordinal), IsRequest: mine.RequestedUtc is not null,
            Blocked: blocked.Where(people.ContainsKey).ToHashSet(StringComparer.Ordinal));
        ChatPeer? invitedBy = null;
        if (mine.RequestedUtc is not null && await InviterAsync(db, groupId, mine.JoinedSeq, ct) is { } inviter)
        {
            invitedBy = people.GetValueOrDefault(inviter);
        }

        return new GroupView(conversation, group.PictureMediaId, members, mine.Role, group.MembersCanPin, invitedBy);
    }

    /// <summary>
    /// Runs a change through the writer as the caller. Strangers (and direct conversations) get NotAMemberException,
    /// like every other service; someone who already left gets a sentence.
    /// </summary>
    private async Task<ServiceResult<ChatMessage>> ChangeAsync(string userId, long groupId, GroupChange change, CancellationToken ct)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var row = await db.MembershipOf(userId, groupId).AsNoTracking()
                .Where(m => m.Conversation!.Kind == ConversationKind.Group)
                .Select(m => new { m.LeftSeq })
                .FirstOrDefaultAsync(ct) ?? throw new NotAMemberException(groupId);
            if (row.LeftSeq is not null)
            {
                return ServiceResult<ChatMessage>.Fail(GroupRules.NoLongerMember);
            }
        }

        try
        {
            var stored = await writer.WriteAsync(new NewMessage(userId, groupId, Guid.NewGuid(), "", Change: change), ct);
            return stored.Succeeded ? ServiceResult<ChatMessage>.Ok(stored.Value!.Message) : ServiceResult<ChatMessage>.Fail(stored.Error!);
        }
        catch (NotAMemberException)
        {
            // They left or were removed between the check above and the writer's turn.
            return ServiceResult<ChatMessage>.Fail(GroupRules.NoLongerMember);
        }
    }

    /// <summary>The caller's membership row (tracked) and handle, inside a change: the writer has checked they are a member.</summary>
    private static async Task<Actor> ActorAsync(ApplicationDbContext db, long groupId, string userId)
    {
        var row = await db.MembershipOf(userId, groupId).Include(m => m.User).SingleAsync();
        return new Actor(row, row.User!.UserName!, row.Role);
    }

    /// <summary>Who runs a change: their row, their handle (for the system message) and their role before it.</summary>
    private sealed record Actor(ConversationMember Row, string UserName, MemberRole Role);

    /// <summary>
    /// The named users (trimmed, any case, each once, in the order given), or why not: the first name that belongs to
    /// nobody (or to a deleted account), or someone who takes no group from the person adding them (a block, or "only
    /// my contacts").
    /// </summary>
    private static async Task<(List<ApplicationUser> Users, string? Error)> FindUsersAsync(
        ApplicationDbContext db, string actorId, IEnumerable<string> userNames, CancellationToken ct)
    {
        var handles = userNames.Select(UsernameRules.Normalize).Where(h => h.Length > 0).Distinct().ToList();
        var normalized = handles.Select(h => h.ToUpperInvariant()).ToList();
        var users = await db.Users.AsNoTracking().Where(u => normalized.Contains(u.NormalizedUserName!) && u.DeletedUtc == null).ToListAsync(ct);
        var missing = handles.FirstOrDefault(h => !users.Any(u => u.NormalizedUserName == h.ToUpperInvariant()));
        if (missing is not null)
        {
            return ([], GroupRules.NoSuchUser(missing));
        }

        var ids = users.Select(u => u.Id).ToList();
        var refusing = await db.RefusingGroupsFrom(actorId).Where(u => ids.Contains(u.Id)).Select(u => u.UserName).FirstOrDefaultAsync(ct);
        return refusing is not null
            ? ([], GroupRules.CantAdd(refusing))
            : ([.. users.OrderBy(u => handles.IndexOf(u.NormalizedUserName!.ToLowerInvariant()))], null);
    }
}
