using BlazorMessenger.Features.Chat;
using BlazorMessenger.Tests.TestSupport;
using static BlazorMessenger.Tests.TestSupport.GroupTestBed;

namespace BlazorMessenger.Tests.Features.Groups;

[BothDatabases]
public sealed class GroupMentionTests
{
    [Fact]
    public async Task A_mention_is_stored_by_id_counted_for_that_person_until_read_and_shown_by_username_in_the_list()
    {
        await using var bed = await CreateAsync();

        var sent = await bed.SendAsync(bed.Olive, "@mia bring @rita's map to bob@example.com");

        Assert.Equal($"{Mentions.Token(bed.Mia)} bring @rita's map to bob@example.com", sent.Body);
        var miasRow = (await bed.Lists.ListAsync(bed.Mia, Ct)).Single();
        Assert.Equal(1, miasRow.MentionsOfMe);
        Assert.Equal("@mia bring @rita's map to bob@example.com", miasRow.LastMessagePreview);
        Assert.Equal(0, (await bed.Lists.ListAsync(bed.Adam, Ct)).Single().MentionsOfMe);
        await bed.Receipts.MarkReadAsync(bed.Mia, bed.GroupId, sent.Seq, Ct);
        Assert.Equal(0, (await bed.Lists.ListAsync(bed.Mia, Ct)).Single().MentionsOfMe);
        var hit = Assert.Single(await bed.Services.Get<BlazorMessenger.Features.Search.SearchService>().SearchAsync(bed.Adam, null, "map", Ct));
        Assert.StartsWith("@mia bring", hit.Snippet, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Everyone_can_be_mentioned_by_owners_and_admins_only()
    {
        await using var bed = await CreateAsync();

        var byMember = await bed.SendAsync(bed.Mia, "@all lunch?");
        var byAdmin = await bed.SendAsync(bed.Adam, "@all lunch!");

        Assert.Equal("@all lunch?", byMember.Body);
        Assert.Equal("<@all> lunch!", byAdmin.Body);
        Assert.Equal(1, (await bed.Lists.ListAsync(bed.Olive, Ct)).Single().MentionsOfMe);
        Assert.Equal(0, (await bed.Lists.ListAsync(bed.Adam, Ct)).Single().MentionsOfMe);
    }

    [Fact]
    public async Task An_edit_keeps_mentions_by_id_and_a_direct_conversation_has_none()
    {
        await using var bed = await CreateAsync();
        var sent = await bed.SendAsync(bed.Olive, "hello");

        var edited = Ok(await bed.Changes.EditAsync(bed.Olive, sent.Id, "hello @adam", Ct));
        var direct = (await bed.Services.Get<BlazorMessenger.Features.Contacts.ContactService>().AddAsync(bed.Olive, "adam", Ct)).Value!;
        var plain = Ok(await bed.Chat.SendAsync(bed.Olive, direct.ConversationId, Guid.NewGuid(), "hi @adam", ct: Ct));

        Assert.Equal($"hello {Mentions.Token(bed.Adam)}", edited.Body);
        Assert.Equal("hi @adam", plain.Body);
    }
}
