using BlazorMessenger.Data;
using BlazorMessenger.Features.Groups;
using BlazorMessenger.Tests.TestSupport;
using static BlazorMessenger.Tests.TestSupport.GroupTestBed;

namespace BlazorMessenger.Tests.Features.Groups;

/// <summary>Owners and admins run admin actions (on admins too), members do not; nobody acts on the owner.</summary>
[BothDatabases]
public sealed class GroupAdminTests
{
    [Fact]
    public async Task A_member_runs_no_admin_action_and_nothing_changes()
    {
        await using var bed = await CreateAsync();
        var seq = await bed.LastSeqAsync();

        Assert.Equal(GroupRules.AdminsOnly, (await bed.Groups.RenameAsync(bed.Mia, bed.GroupId, "Mia's trip", Ct)).Error);
        Assert.Equal(GroupRules.AdminsOnly, (await bed.Groups.SetPictureAsync(bed.Mia, bed.GroupId, null, Ct)).Error);
        Assert.Equal(GroupRules.AdminsOnly, (await bed.Groups.AddMembersAsync(bed.Mia, bed.GroupId, ["newt"], Ct)).Error);
        Assert.Equal(GroupRules.AdminsOnly, (await bed.Groups.RemoveMemberAsync(bed.Mia, bed.GroupId, bed.Adam, Ct)).Error);
        Assert.Equal(GroupRules.AdminsOnly, (await bed.Groups.SetAdminAsync(bed.Mia, bed.GroupId, bed.Mia, true, Ct)).Error);

        Assert.Equal(seq, await bed.LastSeqAsync());
        var group = await bed.Groups.OpenAsync(bed.Mia, bed.GroupId, Ct);
        Assert.Equal(("Trip", 3, MemberRole.Member), (group!.Title, group.Members.Count, group.MyRole));
    }

    [Fact]
    public async Task An_admin_adds_and_removes_members_and_admins_but_never_acts_on_the_owner()
    {
        await using var bed = await CreateAsync();

        Ok(await bed.Groups.AddMembersAsync(bed.Adam, bed.GroupId, ["newt", "sam"], Ct));
        Assert.Equal("adam removed newt", Ok(await bed.Groups.RemoveMemberAsync(bed.Adam, bed.GroupId, bed.Newt, Ct)).Body);
        Assert.Equal(GroupRules.OwnerCannotBeRemoved, (await bed.Groups.RemoveMemberAsync(bed.Adam, bed.GroupId, bed.Olive, Ct)).Error);
        Assert.Equal(GroupRules.RemoveYourself, (await bed.Groups.RemoveMemberAsync(bed.Adam, bed.GroupId, bed.Adam, Ct)).Error);
        Assert.Equal("adam made sam an admin", Ok(await bed.Groups.SetAdminAsync(bed.Adam, bed.GroupId, bed.Sam, true, Ct)).Body);
        Assert.Equal(GroupRules.OwnerIsNotAdmin, (await bed.Groups.SetAdminAsync(bed.Adam, bed.GroupId, bed.Olive, false, Ct)).Error);

        var group = await bed.Groups.OpenAsync(bed.Olive, bed.GroupId, Ct);
        Assert.Equal(["olive", "adam", "sam", "mia"], group!.Members.Select(m => m.Person.UserName));
        Assert.Equal("sam dismissed adam as admin", Ok(await bed.Groups.SetAdminAsync(bed.Sam, bed.GroupId, bed.Adam, false, Ct)).Body);
        Assert.Equal(GroupRules.AdminsOnly, (await bed.Groups.RemoveMemberAsync(bed.Adam, bed.GroupId, bed.Sam, Ct)).Error);
        Assert.Equal("sam removed adam", Ok(await bed.Groups.RemoveMemberAsync(bed.Sam, bed.GroupId, bed.Adam, Ct)).Body);
    }

    [Fact]
    public async Task The_owner_removes_an_admin_and_admins_are_made_and_dismissed_once()
    {
        await using var bed = await CreateAsync();

        Assert.Equal("adam is already an admin.", (await bed.Groups.SetAdminAsync(bed.Olive, bed.GroupId, bed.Adam, true, Ct)).Error);
        Assert.Equal("mia is not an admin.", (await bed.Groups.SetAdminAsync(bed.Olive, bed.GroupId, bed.Mia, false, Ct)).Error);
        Assert.Equal("olive dismissed adam as admin", Ok(await bed.Groups.SetAdminAsync(bed.Olive, bed.GroupId, bed.Adam, false, Ct)).Body);
        Ok(await bed.Groups.SetAdminAsync(bed.Olive, bed.GroupId, bed.Adam, true, Ct));
        Assert.Equal("olive removed adam", Ok(await bed.Groups.RemoveMemberAsync(bed.Olive, bed.GroupId, bed.Adam, Ct)).Body);

        Assert.Equal(GroupRules.NoLongerMember, (await bed.Groups.RenameAsync(bed.Adam, bed.GroupId, "Adam's", Ct)).Error);
    }

    [Fact]
    public async Task Adding_someone_twice_or_nobody_or_an_unknown_name_is_refused_and_changes_nothing()
    {
        await using var bed = await CreateAsync();
        var seq = await bed.LastSeqAsync();

        Assert.Equal(GroupRules.AlreadyMember("mia"), (await bed.Groups.AddMembersAsync(bed.Olive, bed.GroupId, ["newt", "MIA"], Ct)).Error);
        Assert.Equal(GroupRules.NoSuchUser("ghost"), (await bed.Groups.AddMembersAsync(bed.Olive, bed.GroupId, ["newt", "ghost"], Ct)).Error);
        Assert.False((await bed.Groups.AddMembersAsync(bed.Olive, bed.GroupId, [" "], Ct)).Succeeded);
        Assert.Equal(GroupRules.NotInGroup("rita"), (await bed.Groups.RemoveMemberAsync(bed.Olive, bed.GroupId, bed.Rita, Ct)).Error);
        Assert.Equal(GroupRules.TitleLength, (await bed.Groups.RenameAsync(bed.Olive, bed.GroupId, " ", Ct)).Error);

        Assert.Equal(seq, await bed.LastSeqAsync());
        Assert.Equal(3, (await bed.Groups.OpenAsync(bed.Olive, bed.GroupId, Ct))!.Members.Count);
    }

    [Fact]
    public async Task Changes_count_against_the_send_limit_so_nobody_floods_a_group_with_them()
    {
        await using var bed = await CreateAsync(new Dictionary<string, string?>
        {
            ["Messenger:RateLimits:MessageBurst"] = "5", ["Messenger:RateLimits:MessagesPerMinute"] = "1",
        });

        // olive spent two on the bed (made adam an admin, removed rita; creating has its own limit).
        foreach (var name in new[] { "One", "Two", "Three" })
        {
            Ok(await bed.Groups.RenameAsync(bed.Olive, bed.GroupId, name, Ct));
        }

        var fourth = await bed.Groups.RenameAsync(bed.Olive, bed.GroupId, "Four", Ct);

        Assert.Equal(BlazorMessenger.Features.Chat.MessageRules.SlowDown, fourth.Error);
        Assert.Equal("Three", (await bed.Groups.OpenAsync(bed.Olive, bed.GroupId, Ct))!.Title);
    }

    [Fact]
    public async Task Group_changes_do_not_apply_to_a_direct_conversation()
    {
        await using var bed = await CreateAsync();
        var direct = (await bed.Services.Get<BlazorMessenger.Features.Contacts.ContactService>().AddAsync(bed.Olive, "sam", Ct)).Value!.ConversationId;

        await Assert.ThrowsAsync<BlazorMessenger.Features.Shared.NotAMemberException>(() => bed.Groups.RenameAsync(bed.Olive, direct, "Ours", Ct));
        Assert.Null(await bed.Groups.OpenAsync(bed.Olive, direct, Ct));
    }
}
