using BlazorMessenger.Data;
using BlazorMessenger.Features.Groups;
using BlazorMessenger.Realtime;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using static BlazorMessenger.Tests.TestSupport.GroupTestBed;

namespace BlazorMessenger.Tests.Features.Groups;

[BothDatabases]
public sealed class GroupServiceTests
{
    [Fact]
    public async Task A_new_group_reaches_every_members_list_with_its_first_message()
    {
        await using var bed = await CreateAsync();
        using var newt = new HubRecorder(bed.Hub, bed.Newt);
        using var adam = new HubRecorder(bed.Hub, bed.Adam);
        await bed.Services.CreateUserAsync("zoe");

        var id = Ok(await bed.Groups.CreateAsync(bed.Adam, "  Book club ", ["NEWT", "zoe", "newt", "adam"], Ct));

        var posted = Assert.Single(newt.OfType<MessagePosted>()).Message;
        Assert.Equal((id, MessageKind.System, "adam created the group \"Book club\""), (posted.ConversationId, posted.Kind, posted.Body));
        Assert.Single(adam.OfType<MessagePosted>());
        var newtsRow = Assert.Single(await bed.Lists.ListAsync(bed.Newt, Ct));
        Assert.Equal(("Book club", "group/" + id, 1L), (newtsRow.Name, newtsRow.Href, newtsRow.Unread));
        Assert.Equal(0, (await bed.Lists.ListAsync(bed.Adam, Ct)).Single(c => c.Id == id).Unread);
        var group = await bed.Groups.OpenAsync(bed.Newt, id, Ct);
        Assert.Equal(["adam", "newt", "zoe"], group!.Members.Select(m => m.Person.UserName));
        Assert.Equal(MemberRole.Owner, group.Members[0].Role);
        Assert.Equal(MemberRole.Member, group.MyRole);
    }

    [Theory]
    [InlineData("", "mia", GroupRulesText.TitleLength)]
    [InlineData("   ", "mia", GroupRulesText.TitleLength)]
    [InlineData("x", "nobody", "There is no user named 'nobody'.")]
    [InlineData("x", "olive", GroupRules.NoOneElse)]
    [InlineData("x", "", GroupRules.NoOneElse)]
    public async Task Bad_input_creates_nothing_and_says_why(string name, string member, string error)
    {
        await using var bed = await CreateAsync();
        var before = await CountGroupsAsync(bed);

        var result = await bed.Groups.CreateAsync(bed.Olive, name, [member], Ct);

        Assert.Equal(error == GroupRulesText.TitleLength ? GroupRules.TitleLength : error, result.Error);
        Assert.Equal(before, await CountGroupsAsync(bed));
    }

    [Fact]
    public async Task A_name_longer_than_64_characters_is_refused()
    {
        await using var bed = await CreateAsync();

        Assert.Equal(GroupRules.TitleLength, (await bed.Groups.CreateAsync(bed.Olive, new string('a', 65), ["mia"], Ct)).Error);
        Ok(await bed.Groups.CreateAsync(bed.Olive, new string('a', 64), ["mia"], Ct));
    }

    [Fact]
    public async Task Creating_groups_is_rate_limited_per_person()
    {
        await using var bed = await CreateAsync(new Dictionary<string, string?>
        {
            ["Messenger:RateLimits:GroupCreateBurst"] = "2", ["Messenger:RateLimits:GroupCreatesPerMinute"] = "1",
        });

        // The bed's own group took one token.
        Ok(await bed.Groups.CreateAsync(bed.Olive, "Second", ["mia"], Ct));
        var third = await bed.Groups.CreateAsync(bed.Olive, "Third", ["mia"], Ct);

        Assert.Equal(GroupRules.SlowDown, third.Error);
        Ok(await bed.Groups.CreateAsync(bed.Mia, "Mia's", ["olive"], Ct));
    }

    [Fact]
    public async Task The_member_limit_holds_when_creating_and_when_adding()
    {
        await using var bed = await CreateAsync(new Dictionary<string, string?> { ["Messenger:Groups:MaxMembers"] = "4" });
        var seq = await bed.LastSeqAsync();

        Assert.Equal(GroupRules.TooMany(4), (await bed.Groups.CreateAsync(bed.Sam, "Big", ["olive", "adam", "mia", "newt"], Ct)).Error);
        Ok(await bed.Groups.AddMembersAsync(bed.Olive, bed.GroupId, ["newt"], Ct));
        Assert.Equal(GroupRules.TooMany(4), (await bed.Groups.AddMembersAsync(bed.Olive, bed.GroupId, ["sam"], Ct)).Error);
        Assert.Equal(seq + 1, await bed.LastSeqAsync());
    }

    [Fact]
    public async Task Renaming_and_the_picture_are_system_messages_and_show_everywhere()
    {
        await using var bed = await CreateAsync();
        using var mia = new HubRecorder(bed.Hub, bed.Mia);

        Ok(await bed.Groups.RenameAsync(bed.Adam, bed.GroupId, "Trip 2027", Ct));
        Ok(await bed.Groups.SetPictureAsync(bed.Adam, bed.GroupId, TestImages.Png(), Ct));
        var withPicture = await bed.Groups.OpenAsync(bed.Mia, bed.GroupId, Ct);
        Ok(await bed.Groups.SetPictureAsync(bed.Olive, bed.GroupId, null, Ct));

        Assert.Equal(
            ["adam renamed the group to \"Trip 2027\"", "adam changed the group picture", "olive removed the group picture"],
            mia.OfType<MessagePosted>().Select(p => p.Message.Body));
        Assert.Equal("Trip 2027", withPicture!.Title);
        Assert.NotNull(withPicture.PictureId);
        Assert.Null((await bed.Groups.OpenAsync(bed.Mia, bed.GroupId, Ct))!.PictureId);
        var row = (await bed.Lists.ListAsync(bed.Mia, Ct)).Single();
        Assert.Equal(("Trip 2027", "olive removed the group picture"), (row.Name, row.LastMessagePreview));
        await using var db = await bed.Services.Get<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync(Ct);
        Assert.False(await db.Media.AnyAsync(m => m.Id == withPicture.PictureId, Ct));
    }

    [Fact]
    public async Task A_bad_picture_is_refused_and_leaves_the_group_as_it_was()
    {
        await using var bed = await CreateAsync();
        var seq = await bed.LastSeqAsync();

        var result = await bed.Groups.SetPictureAsync(bed.Olive, bed.GroupId, [1, 2, 3], Ct);

        Assert.False(result.Succeeded);
        Assert.Equal(seq, await bed.LastSeqAsync());
    }

    [Fact]
    public async Task System_messages_can_be_neither_edited_nor_deleted_and_are_not_searched()
    {
        await using var bed = await CreateAsync();
        var created = (await bed.Chat.GetPageAsync(bed.Olive, bed.GroupId, null, Ct))[0];

        Assert.False((await bed.Changes.EditAsync(bed.Olive, created.Id, "forged", Ct)).Succeeded);
        Assert.False((await bed.Changes.DeleteAsync(bed.Olive, created.Id, Ct)).Succeeded);
        Assert.Empty(await bed.Services.Get<BlazorMessenger.Features.Search.SearchService>().SearchAsync(bed.Olive, bed.GroupId, "created", Ct));
    }

    private static async Task<int> CountGroupsAsync(GroupTestBed bed)
    {
        await using var db = await bed.Services.Get<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync(Ct);
        return await db.Conversations.CountAsync(c => c.Kind == ConversationKind.Group, Ct);
    }

    /// <summary>Attribute arguments must be constants; TitleLength is built from MaxTitleLength.</summary>
    private static class GroupRulesText
    {
        public const string TitleLength = "title-length";
    }
}
