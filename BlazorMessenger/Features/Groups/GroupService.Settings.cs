using BlazorMessenger.Data;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Chat.Writer;
using BlazorMessenger.Features.Media;
using BlazorMessenger.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Features.Groups;

public sealed partial class GroupService
{
    /// <summary>Owners and admins rename the group.</summary>
    public async Task<ServiceResult<ChatMessage>> RenameAsync(string userId, long groupId, string? name, CancellationToken ct = default)
    {
        if (GroupRules.CleanTitle(name) is not { } title)
        {
            return ServiceResult<ChatMessage>.Fail(GroupRules.TitleLength);
        }

        return await ChangeAsync(userId, groupId, async (db, _, _) =>
        {
            var (me, group) = (await ActorAsync(db, groupId, userId), await db.Conversations.SingleAsync(c => c.Id == groupId));
            if (!me.Role.Manages())
            {
                return GroupChangeResult.Refuse(GroupRules.AdminsOnly);
            }

            group.Title = title;
            await db.SaveChangesAsync();
            return new GroupChangeResult($"{me.UserName} renamed the group to \"{title}\"");
        }, ct);
    }

    /// <summary>Owners and admins let every member pin messages, or keep pinning to themselves (the default).</summary>
    public Task<ServiceResult<ChatMessage>> SetMembersCanPinAsync(string userId, long groupId, bool allowed, CancellationToken ct = default) =>
        ChangeAsync(userId, groupId, async (db, _, _) =>
        {
            var (me, group) = (await ActorAsync(db, groupId, userId), await db.Conversations.SingleAsync(c => c.Id == groupId));
            if (!me.Role.Manages())
            {
                return GroupChangeResult.Refuse(GroupRules.AdminsOnly);
            }

            if (group.MembersCanPin == allowed)
            {
                return GroupChangeResult.Refuse(allowed ? "Every member can pin messages already." : "Only admins can pin messages already.");
            }

            group.MembersCanPin = allowed;
            await db.SaveChangesAsync();
            return new GroupChangeResult(allowed ? $"{me.UserName} let every member pin messages" : $"{me.UserName} made pinning messages admins only");
        }, ct);

    /// <summary>Owners and admins set the group's picture (through the image pipeline) or, with null, remove it.</summary>
    public async Task<ServiceResult<ChatMessage>> SetPictureAsync(string userId, long groupId, byte[]? picture, CancellationToken ct = default)
    {
        Data.Media? media = null;
        if (picture is not null)
        {
            var saved = await pictures.SaveAsync(userId, picture, ct);
            if (saved.Value is null)
            {
                return ServiceResult<ChatMessage>.Fail(saved.Error!);
            }

            media = saved.Value;
        }

        Data.Media? replaced = null;
        try
        {
            var result = await ChangeAsync(userId, groupId, async (db, _, _) =>
            {
                var (me, group) = (await ActorAsync(db, groupId, userId), await db.Conversations.SingleAsync(c => c.Id == groupId));
                if (!me.Role.Manages())
                {
                    return GroupChangeResult.Refuse(GroupRules.AdminsOnly);
                }

                replaced = group.PictureMediaId is { } oldId ? await db.Media.SingleOrDefaultAsync(m => m.Id == oldId) : null;
                if (media is not null)
                {
                    db.Media.Add(media);
                }

                group.PictureMediaId = media?.Id;
                if (replaced is not null)
                {
                    db.Media.Remove(replaced);
                }

                await db.SaveChangesAsync();
                return new GroupChangeResult(media is null ? $"{me.UserName} removed the group picture" : $"{me.UserName} changed the group picture");
            }, ct);
            if (!result.Succeeded && media is not null)
            {
                mediaStore.DeleteFiles(media);
            }
            else if (result.Succeeded && replaced is not null)
            {
                mediaStore.DeleteFiles(replaced);
            }

            return result;
        }
        catch
        {
            if (media is not null)
            {
                mediaStore.DeleteFiles(media);
            }

            throw;
        }
    }
}
