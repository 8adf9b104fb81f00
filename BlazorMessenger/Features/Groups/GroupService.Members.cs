using BlazorMessenger.Data;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Chat.Writer;
using BlazorMessenger.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Features.Groups;

public sealed partial class GroupService
{
    /// <summary>Owners and admins add people by username; someone who left before comes back as a member.</summary>
    public Task<ServiceResult<ChatMessage>> AddMembersAsync(
        string userId, long groupId, IEnumerable<string> userNames, CancellationToken ct = default)
    {
        var names = userNames.ToList();
        return ChangeAsync(userId, groupId, async (db, seq, now) =>
        {
            var me = await ActorAsync(db, groupId, userId);
            if (!me.Role.Manages())
            {
                return GroupChangeResult.Refuse(GroupRules.AdminsOnly);
            }

            var found = await FindUsersAsync(db, userId, names, CancellationToken.None);
            if (found.Error is { } error || found.Users.Count == 0)
            {
                return GroupChangeResult.Refuse(found.Error ?? "Choose someone to add.");
            }

            var ids = found.Users.Select(u => u.Id).ToList();
            var rows = await db.ConversationMembers.Where(m => m.ConversationId == groupId && ids.Contains(m.UserId)).ToListAsync();
            if (rows.FirstOrDefault(r => r.LeftSeq is null) is { } already)
            {
                return GroupChangeResult.Refuse(GroupRules.AlreadyMember(found.Users.Single(u => u.Id == already.UserId).UserName!));
            }

            // Bots never count toward the group's size.
            var current = await db.CurrentMembers(groupId).CountAsync(m => !m.User!.IsBot);
            if (current + found.Users.Count(u => !u.IsBot) > MaxMembers)
            {
                return GroupChangeResult.Refuse(GroupRules.TooMany(MaxMembers));
            }

            var strangers = await StrangersToAsync(db, userId, ids, CancellationToken.None);
            foreach (var user in found.Users)
            {
                var row = rows.SingleOrDefault(r => r.UserId == user.Id);
                if (row is null)
                {
                    row = new ConversationMember { ConversationId = groupId, UserId = user.Id };
                    db.ConversationMembers.Add(row);
                }

                // What came before counts as read: they start at the message that adds them.
                (row.Role, row.JoinedUtc, row.JoinedSeq, row.LeftSeq, row.LeftUtc, row.TitleWhenLeft, row.LastReadSeq, row.DeliveredSeq) =
                    (MemberRole.Member, now, seq, null, null, null, seq - 1, seq - 1);
                (row.RequestedUtc, row.DismissedSeq) = (strangers.Contains(user.Id) ? now : null, null);
            }

            await db.SaveChangesAsync();
            return new GroupChangeResult($"{me.UserName} added {GroupRules.List([.. found.Users.Select(u => u.UserName!)])}");
        }, ct);
    }

    /// <summary>
    /// Owners and admins remove a member or an admin (nobody removes the owner, who leaves instead). It takes effect at
    /// once: the removed person keeps what they could read up to this message, and nothing after it reaches them.
    /// </summary>
    public Task<ServiceResult<ChatMessage>> RemoveMemberAsync(string userId, long groupId, string memberUserId, CancellationToken ct = default) =>
        ChangeAsync(userId, groupId, async (db, seq, now) =>
        {
            var (me, target, refused) = await AdminOnAsync(db, groupId, userId, memberUserId);
            if (refused is not null)
            {
                return refused;
            }

            var refusal = target!.UserId == userId ? GroupRules.RemoveYourself
                : target.Role == MemberRole.Owner ? GroupRules.OwnerCannotBeRemoved
                : null;
            if (refusal is not null)
            {
                return GroupChangeResult.Refuse(refusal);
            }

            await EndAsync(db, target, seq, now);
            await db.SaveChangesAsync();
            return new GroupChangeResult($"{me.UserName} removed {target.User!.UserName}", AlsoTell: [target.UserId]);
        }, ct);

    /// <summary>Owners and admins make a member an admin, or an admin a member again.</summary>
    public Task<ServiceResult<ChatMessage>> SetAdminAsync(
        string userId, long groupId, string memberUserId, bool admin, CancellationToken ct = default) =>
        ChangeAsync(userId, groupId, async (db, _, _) =>
        {
            var (me, target, refused) = await AdminOnAsync(db, groupId, userId, memberUserId);
            if (refused is not null)
            {
                return refused;
            }

            var name = target!.User!.UserName!;
            var refusal = target.Role == MemberRole.Owner ? GroupRules.OwnerIsNotAdmin
                : admin && target.Role == MemberRole.Admin ? $"{name} is already an admin."
                : !admin && target.Role != MemberRole.Admin ? $"{name} is not an admin."
                : null;
            if (refusal is not null)
            {
                return GroupChangeResult.Refuse(refusal);
            }

            target.Role = admin ? MemberRole.Admin : MemberRole.Member;
            await db.SaveChangesAsync();
            return new GroupChangeResult(admin ? $"{me.UserName} made {name} an admin" : $"{me.UserName} dismissed {name} as admin");
        }, ct);

    /// <summary>
    /// Anyone leaves. When the last owner leaves, the longest-standing admin (else member) becomes the owner, so a group
    /// with people in it always has one.
    /// </summary>
    public Task<ServiceResult<ChatMessage>> LeaveAsync(string userId, long groupId, CancellationToken ct = default) =>
        ChangeAsync(userId, groupId, async (db, seq, now) =>
        {
            var me = await ActorAsync(db, groupId, userId);
            var text = $"{me.UserName} left";
            var others = await db.CurrentMembers(groupId).Include(m => m.User)
                .Where(m => m.UserId != userId)
                .ToListAsync();
            if (me.Role == MemberRole.Owner && !others.Any(m => m.Role == MemberRole.Owner)
                && others.OrderBy(m => GroupRules.Rank(m.Role)).ThenBy(m => m.JoinedUtc).ThenBy(m => m.UserId, StringComparer.Ordinal)
                    .FirstOrDefault() is { } heir)
            {
                heir.Role = MemberRole.Owner;
                text += $"; {heir.User!.UserName} is now the owner";
            }

            await EndAsync(db, me.Row, seq, now);
            await db.SaveChangesAsync();
            return new GroupChangeResult(text, AlsoTell: [userId]);
        }, ct);

    /// <summary>Ends a membership at this Seq; the group's name is kept as it is now, for the person's read-only view.</summary>
    private static async Task EndAsync(ApplicationDbContext db, ConversationMember member, long seq, DateTime now)
    {
        var title = await db.Conversations.Where(c => c.Id == member.ConversationId).Select(c => c.Title).SingleAsync();
        (member.LeftSeq, member.LeftUtc, member.Role, member.TitleWhenLeft) = (seq, now, MemberRole.Member, title);
    }

    /// <summary>An owner or admin acting on a current member: both rows (tracked), or why not.</summary>
    private static async Task<(Actor Me, ConversationMember? Target, GroupChangeResult? Refused)> AdminOnAsync(
        ApplicationDbContext db, long groupId, string userId, string memberUserId)
    {
        var me = await ActorAsync(db, groupId, userId);
        if (!me.Role.Manages())
        {
            return (me, null, GroupChangeResult.Refuse(GroupRules.AdminsOnly));
        }

        var target = await db.CurrentMembers(groupId).Include(m => m.User).SingleOrDefaultAsync(m => m.UserId == memberUserId);
        var name = target is null
            ? await db.Users.Where(u => u.Id == memberUserId).Select(u => u.UserName).SingleOrDefaultAsync() ?? "That person"
            : null;
        return (me, target, name is null ? null : GroupChangeResult.Refuse(GroupRules.NotInGroup(name)));
    }
}
