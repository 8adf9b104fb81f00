using BlazorMessenger.Data;
using BlazorMessenger.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Features.Bots.Api;

public sealed partial class BotApi
{
    private async Task<TgChatFullInfo> GetChatAsync(BotCaller bot, BotArguments a, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var chat = await BotChats.ResolveAsync(db, bot, a.Text("chat_id"), ct);
        var described = await BotChats.DescribeAsync(db, bot.UserId, chat.ConversationId, ct);
        return new TgChatFullInfo(described.Id, described.Type, described.Title, described.Username, described.FirstName, 0, 11, null);
    }

    private async Task<Dictionary<string, object>> GetChatMemberAsync(BotCaller bot, BotArguments a, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var chat = await BotChats.ResolveAsync(db, bot, a.Text("chat_id"), ct);
        var userId = await db.UserWithNumberAsync(a.RequiredLong("user_id"), ct) ?? throw BotApiException.BadRequest("user not found");
        var member = await db.MembershipOf(userId, chat.ConversationId).AsNoTracking()
            .Select(m => new { m.Role, m.LeftSeq }).FirstOrDefaultAsync(ct);
        var user = (await BotMessageViews.PeopleAsync(db, [userId], ct))[userId];
        return ChatMember(member is null || member.LeftSeq is not null ? null : member.Role, user);
    }

    private async Task<List<Dictionary<string, object>>> GetChatAdministratorsAsync(BotCaller bot, BotArguments a, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var chat = await BotChats.ResolveAsync(db, bot, a.Text("chat_id"), ct);
        if (!chat.IsGroup)
        {
            throw BotApiException.BadRequest("there are no administrators in the private chat");
        }

        var admins = await db.CurrentMembers(chat.ConversationId).AsNoTracking()
            .Where(m => m.Role == MemberRole.Owner || m.Role == MemberRole.Admin).Select(m => new { m.UserId, m.Role }).ToListAsync(ct);
        var people = await BotMessageViews.PeopleAsync(db, [.. admins.Select(m => m.UserId)], ct);
        return [.. admins.Select(m => ChatMember(m.Role, people[m.UserId]))];
    }

    private async Task<bool> LeaveChatAsync(BotCaller bot, BotArguments a, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var chat = await BotChats.ResolveAsync(db, bot, a.Text("chat_id"), ct);
        if (!chat.IsGroup)
        {
            throw BotApiException.BadRequest("chat member status can't be changed in private chats");
        }

        var left = await groups.LeaveAsync(bot.UserId, chat.ConversationId, ct);
        return left.Succeeded ? true : throw BotApiException.BadRequest(left.Error!);
    }

    /// <summary>Telegram's ChatMember in the shape of its status (an owner, an administrator, a member, or one who left).</summary>
    private static Dictionary<string, object> ChatMember(MemberRole? role, TgUser user)
    {
        var member = new Dictionary<string, object>
        {
            ["status"] = role switch
            {
                MemberRole.Owner => "creator",
                MemberRole.Admin => "administrator",
                MemberRole.Member => "member",
                _ => "left",
            },
            ["user"] = user,
        };
        if (role is MemberRole.Owner or MemberRole.Admin)
        {
            member["is_anonymous"] = false;
        }

        if (role == MemberRole.Admin)
        {
            foreach (var right in (string[])["can_be_edited", "can_manage_chat", "can_delete_messages", "can_manage_video_chats", "can_restrict_members",
                         "can_promote_members", "can_change_info", "can_invite_users", "can_post_stories", "can_edit_stories", "can_delete_stories"])
            {
                member[right] = right is "can_change_info" or "can_invite_users" or "can_manage_chat";
            }
        }

        return member;
    }
}
