using BlazorMessenger.Data;
using BlazorMessenger.Features.Groups;
using BlazorMessenger.Features.Search;
using BlazorMessenger.Features.Shared;
using BlazorMessenger.Realtime;
using BlazorMessenger.Tests.TestSupport;
using static BlazorMessenger.Tests.TestSupport.GroupTestBed;

namespace BlazorMessenger.Tests.Features.Groups;

/// <summary>Who reads, sends and searches: current members all of it, a removed member up to the removal, strangers nothing.</summary>
[BothDatabases]
public sealed class GroupMembershipTests
{
    [Fact]
    public async Task Owner_admin_and_member_send_read_and_search_and_every_member_receives()
    {
        await using var bed = await CreateAsync();
        using var mia = new HubRecorder(bed.Hub, bed.Mia);
        using var rita = new HubRecorder(bed.Hub, bed.Rita);

        foreach (var (user, text) in new[] { (bed.Olive, "owner says pineapple"), (bed.Adam, "admin says pineapple"), (bed.Mia, "member says pineapple") })
        {
            await bed.SendAsync(user, text);
        }

        Assert.Equal(3, mia.OfType<MessagePosted>().Count);
        Assert.Empty(rita.Events);
        foreach (var user in new[] { bed.Olive, bed.Adam, bed.Mia })
        {
            Assert.Equal(3, (await Search(bed).SearchAsync(user, bed.GroupId, "pineapple", Ct)).Count);
            Assert.Equal("member says pineapple", (await bed.Chat.GetPageAsync(user, bed.GroupId, null, Ct))[^1].Body);
        }
    }

    [Fact]
    public async Task A_removed_member_reads_up_to_the_removal_and_cannot_send_or_see_anything_newer()
    {
        await using var bed = await CreateAsync();
        await bed.SendAsync(bed.Mia, "after rita left: pineapple");

        var page = await bed.Chat.GetPageAsync(bed.Rita, bed.GroupId, null, Ct);
        Assert.Equal(bed.RitaRemovedAt, page[^1].Seq);
        Assert.Equal("olive removed rita", page[^1].Body);
        Assert.Contains(page, m => m.Body == "before rita left");
        Assert.Empty(await bed.Chat.GetAfterAsync(bed.Rita, bed.GroupId, bed.RitaRemovedAt, Ct));
        Assert.DoesNotContain(await bed.Chat.GetAroundAsync(bed.Rita, bed.GroupId, bed.RitaRemovedAt + 1, Ct), m => m.Seq > bed.RitaRemovedAt);
        Assert.Empty(await Search(bed).SearchAsync(bed.Rita, bed.GroupId, "pineapple", Ct));
        Assert.Single(await Search(bed).SearchAsync(bed.Rita, null, "before", Ct));
        await Assert.ThrowsAsync<NotAMemberException>(() => bed.Chat.SendAsync(bed.Rita, bed.GroupId, Guid.NewGuid(), "let me in", ct: Ct));
        await Assert.ThrowsAsync<NotAMemberException>(() => bed.Attachments.SendImageAsync(bed.Rita, bed.GroupId, Guid.NewGuid(), TestImages.Png(), null, ct: Ct));

        var row = (await bed.Lists.ListAsync(bed.Rita, Ct)).Single();
        Assert.Equal((bed.RitaRemovedAt, bed.RitaRemovedAt, "olive removed rita"), (row.EndedSeq, row.LastSeq, row.LastMessagePreview));
        var view = await bed.Groups.OpenAsync(bed.Rita, bed.GroupId, Ct);
        Assert.False(view!.IsMember);
        Assert.Equal(bed.RitaRemovedAt, view.Conversation.EndedSeq);
        Assert.Empty(view.Members);
    }

    [Fact]
    public async Task What_changes_after_a_removal_does_not_reach_the_removed_person_name_picture_members_or_profiles()
    {
        await using var bed = await CreateAsync();
        Ok(await bed.Groups.RenameAsync(bed.Olive, bed.GroupId, "Secret plans", Ct));
        Ok(await bed.Groups.SetPictureAsync(bed.Olive, bed.GroupId, TestImages.Png(), Ct));
        Ok(await bed.Groups.AddMembersAsync(bed.Olive, bed.GroupId, ["newt"], Ct));

        var view = await bed.Groups.OpenAsync(bed.Rita, bed.GroupId, Ct);
        var row = (await bed.Lists.ListAsync(bed.Rita, Ct)).Single();

        Assert.Equal(("Trip", (string?)null), (view!.Title, view.PictureId));
        Assert.Equal(("Trip", (string?)null), (row.Name, row.AvatarId));
        Assert.False(view.Conversation.People.ContainsKey(bed.Newt));
        Assert.True(view.Conversation.People.ContainsKey(bed.Mia));
        var profiles = bed.Services.Get<BlazorMessenger.Features.Profile.ProfileService>();
        Assert.Null(await profiles.GetCardAsync(bed.Rita, bed.Newt, Ct));
        Assert.Null(await profiles.GetCardAsync(bed.Rita, bed.Mia, Ct));
        Assert.NotNull(await profiles.GetCardAsync(bed.Newt, bed.Mia, Ct));
    }

    [Fact]
    public async Task A_removal_reaches_the_removed_person_and_then_nothing_more_does()
    {
        await using var bed = await CreateAsync();
        using var mia = new HubRecorder(bed.Hub, bed.Mia);
        using var adam = new HubRecorder(bed.Hub, bed.Adam);

        var removal = Ok(await bed.Groups.RemoveMemberAsync(bed.Adam, bed.GroupId, bed.Mia, Ct));
        await bed.SendAsync(bed.Olive, "mia is gone");

        Assert.Equal(["adam removed mia"], mia.OfType<MessagePosted>().Select(p => p.Message.Body));
        Assert.Equal(["adam removed mia", "mia is gone"], adam.OfType<MessagePosted>().Select(p => p.Message.Body));
        Assert.Equal(removal.Seq, (await bed.Chat.GetPageAsync(bed.Mia, bed.GroupId, null, Ct))[^1].Seq);
    }

    [Fact]
    public async Task Strangers_get_nothing_from_any_method()
    {
        await using var bed = await CreateAsync();
        var id = bed.GroupId;

        Assert.Null(await bed.Groups.OpenAsync(bed.Sam, id, Ct));
        await Assert.ThrowsAsync<NotAMemberException>(() => bed.Chat.GetPageAsync(bed.Sam, id, null, Ct));
        await Assert.ThrowsAsync<NotAMemberException>(() => bed.Chat.GetAfterAsync(bed.Sam, id, 0, Ct));
        await Assert.ThrowsAsync<NotAMemberException>(() => bed.Chat.SendAsync(bed.Sam, id, Guid.NewGuid(), "hi", ct: Ct));
        await Assert.ThrowsAsync<NotAMemberException>(() => Search(bed).SearchAsync(bed.Sam, id, "rita", Ct));
        await Assert.ThrowsAsync<NotAMemberException>(() => bed.Groups.RenameAsync(bed.Sam, id, "Mine", Ct));
        await Assert.ThrowsAsync<NotAMemberException>(() => bed.Groups.AddMembersAsync(bed.Sam, id, ["sam"], Ct));
        await Assert.ThrowsAsync<NotAMemberException>(() => bed.Groups.RemoveMemberAsync(bed.Sam, id, bed.Mia, Ct));
        await Assert.ThrowsAsync<NotAMemberException>(() => bed.Groups.SetAdminAsync(bed.Sam, id, bed.Sam, true, Ct));
        await Assert.ThrowsAsync<NotAMemberException>(() => bed.Groups.LeaveAsync(bed.Sam, id, Ct));
        await Assert.ThrowsAsync<NotAMemberException>(() => bed.Groups.SetPictureAsync(bed.Sam, id, null, Ct));
        Assert.Empty(await bed.Lists.ListAsync(bed.Sam, Ct));
    }

    [Fact]
    public async Task A_removed_member_can_change_nothing_and_is_told_why()
    {
        await using var bed = await CreateAsync();
        var seq = await bed.LastSeqAsync();

        Assert.Equal(GroupRules.NoLongerMember, (await bed.Groups.LeaveAsync(bed.Rita, bed.GroupId, Ct)).Error);
        Assert.Equal(GroupRules.NoLongerMember, (await bed.Groups.RenameAsync(bed.Rita, bed.GroupId, "Rita's", Ct)).Error);
        Assert.Equal(GroupRules.NoLongerMember, (await bed.Groups.AddMembersAsync(bed.Rita, bed.GroupId, ["sam"], Ct)).Error);
        Assert.Equal(seq, await bed.LastSeqAsync());
    }

    [Fact]
    public async Task Leaving_ends_the_membership_once_and_the_last_owner_hands_over_to_the_longest_standing_admin()
    {
        await using var bed = await CreateAsync();
        using var olive = new HubRecorder(bed.Hub, bed.Olive);

        Assert.Equal("mia left", Ok(await bed.Groups.LeaveAsync(bed.Mia, bed.GroupId, Ct)).Body);
        Assert.Equal(GroupRules.NoLongerMember, (await bed.Groups.LeaveAsync(bed.Mia, bed.GroupId, Ct)).Error);
        Ok(await bed.Groups.AddMembersAsync(bed.Olive, bed.GroupId, ["newt"], Ct));
        Assert.Equal("olive left; adam is now the owner", Ok(await bed.Groups.LeaveAsync(bed.Olive, bed.GroupId, Ct)).Body);
        Assert.Equal("adam left; newt is now the owner", Ok(await bed.Groups.LeaveAsync(bed.Adam, bed.GroupId, Ct)).Body);

        var group = await bed.Groups.OpenAsync(bed.Newt, bed.GroupId, Ct);
        Assert.Equal((MemberRole.Owner, 1), (group!.MyRole, group.Members.Count));
        Assert.Contains(olive.OfType<MessagePosted>(), p => p.Message.Body == "olive left; adam is now the owner");
        Assert.DoesNotContain(olive.OfType<MessagePosted>(), p => p.Message.Body.StartsWith("adam left", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Someone_added_again_is_a_member_again_and_starts_at_the_message_that_adds_them()
    {
        await using var bed = await CreateAsync();
        await bed.SendAsync(bed.Mia, "while rita was away");

        var added = Ok(await bed.Groups.AddMembersAsync(bed.Adam, bed.GroupId, ["rita", "newt"], Ct));

        Assert.Equal("adam added rita and newt", added.Body);
        var row = (await bed.Lists.ListAsync(bed.Rita, Ct)).Single();
        Assert.Equal((1L, (long?)null), (row.Unread, row.EndedSeq));
        await bed.SendAsync(bed.Rita, "back again");
        Assert.Equal(MemberRole.Member, (await bed.Groups.OpenAsync(bed.Rita, bed.GroupId, Ct))!.MyRole);
    }

    private static SearchService Search(GroupTestBed bed) => bed.Services.Get<SearchService>();
}
