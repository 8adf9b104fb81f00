using Microsoft.Extensions.Time.Testing;
using BlazorMessenger.Features.Search;
using BlazorMessenger.Data;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Chat.Compose;
using BlazorMessenger.Features.Media;
using BlazorMessenger.Features.Shared;
using BlazorMessenger.Realtime;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Tests.Features.Chat;

[BothDatabases]
public sealed class MessageChangeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_sender_edits_their_message_and_every_member_hears_of_it()
    {
        await using var bed = await ChatTestBed.CreateAsync();
        var sent = await bed.SendAsync(bed.Alice, "teh typo");
        using var bob = new HubRecorder(bed.Hub, bed.Bob);

        var edited = await bed.Changes.EditAsync(bed.Alice, sent.Id, " the typo ", Ct);

        Assert.True(edited.Succeeded, edited.Error);
        Assert.Equal("the typo", edited.Value!.Body);
        Assert.NotNull(edited.Value.EditedUtc);
        Assert.Equal("the typo", Assert.Single(bob.OfType<MessageChanged>()).Message.Body);
        Assert.Equal("the typo", (await bed.Chat.GetPageAsync(bed.Bob, bed.ConversationId, null, Ct)).Single().Body);
    }

    [Fact]
    public async Task Someone_elses_message_can_be_neither_edited_nor_deleted()
    {
        await using var bed = await ChatTestBed.CreateAsync();
        var sent = await bed.SendAsync(bed.Alice, "mine");

        var edit = await bed.Changes.EditAsync(bed.Bob, sent.Id, "hijacked", Ct);
        var delete = await bed.Changes.DeleteAsync(bed.Bob, sent.Id, Ct);
        await Assert.ThrowsAsync<NotAMemberException>(() => bed.Changes.EditAsync(bed.Carol, sent.Id, "x", Ct));
        await Assert.ThrowsAsync<NotAMemberException>(() => bed.Changes.DeleteAsync(bed.Carol, sent.Id, Ct));

        Assert.Equal(MessageRules.NotYours, edit.Error);
        Assert.Equal(MessageRules.NotYours, delete.Error);
        var stored = (await bed.Chat.GetPageAsync(bed.Alice, bed.ConversationId, null, Ct)).Single();
        Assert.Equal("mine", stored.Body);
        Assert.False(stored.IsDeleted);
    }

    [Fact]
    public async Task Editing_closes_48_hours_after_sending()
    {
        await using var bed = await ChatTestBed.CreateAsync();
        var old = await bed.SendAsync(bed.Alice, "old news");
        var recent = await bed.SendAsync(bed.Alice, "recent");
        await using (var db = await bed.Services.Get<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync(Ct))
        {
            var now = DateTime.UtcNow;
            await db.Messages.Where(m => m.Id == old.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.CreatedUtc, now.AddHours(-48.1)), Ct);
            await db.Messages.Where(m => m.Id == recent.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.CreatedUtc, now.AddHours(-47.9)), Ct);
        }

        Assert.Equal(MessageRules.EditWindowPassed, (await bed.Changes.EditAsync(bed.Alice, old.Id, "too late", Ct)).Error);
        Assert.True((await bed.Changes.EditAsync(bed.Alice, recent.Id, "just in time", Ct)).Succeeded);
    }

    [Fact]
    public async Task Deleting_replaces_the_message_for_everyone_and_removes_its_image()
    {
        await using var bed = await ChatTestBed.CreateAsync();
        var image = await bed.Attachments.SendImageAsync(bed.Alice, bed.ConversationId, Guid.NewGuid(), TestImages.Png(), "caption", ct: Ct);
        var mediaRoot = bed.Services.Get<MediaStore>().Root;
        Assert.Equal(2, Directory.GetFiles(mediaRoot, "*", SearchOption.AllDirectories).Length);
        using var bob = new HubRecorder(bed.Hub, bed.Bob);

        var deleted = await bed.Changes.DeleteAsync(bed.Alice, image.Value!.Id, Ct);

        Assert.True(deleted.Value!.IsDeleted);
        Assert.Equal("", deleted.Value.Body);
        Assert.Null(deleted.Value.Image);
        Assert.True(Assert.Single(bob.OfType<MessageChanged>()).Message.IsDeleted);
        Assert.Empty(Directory.GetFiles(mediaRoot, "*", SearchOption.AllDirectories));
        await using var db = await bed.Services.Get<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync(Ct);
        Assert.Equal(0, await db.Media.CountAsync(Ct));
        Assert.Equal(MessageRules.DeletedText, (await bed.Lists.ListAsync(bed.Bob, Ct)).Single().LastMessagePreview);
        Assert.Equal(MessageRules.AlreadyDeleted, (await bed.Changes.EditAsync(bed.Alice, image.Value.Id, "revive", Ct)).Error);
    }

    [Theory]
    [InlineData("😀", true)]
    [InlineData("👍🏽🎉 ❤️", true)]
    [InlineData("😀😀😀😀", false)]
    [InlineData("ok 👍", false)]
    [InlineData("123", false)]
    [InlineData("", false)]
    public void One_to_three_emoji_alone_are_shown_larger(string text, bool jumbo) =>
        Assert.Equal(jumbo, Emoji.IsJumbo(text));

    [Fact]
    public async Task Delete_for_me_takes_a_message_out_of_ones_own_history_and_search_only()
    {
        await using var bed = await ChatTestBed.CreateAsync();
        using var bobsTabs = new HubRecorder(bed.Hub, bed.Bob);
        using var alicesTabs = new HubRecorder(bed.Hub, bed.Alice);
        var kept = await bed.SendAsync(bed.Alice, "the plan stays");
        var hidden = await bed.SendAsync(bed.Alice, "the embarrassing photo caption");

        Assert.True((await bed.Changes.DeleteForMeAsync(bed.Bob, hidden.Id, Ct)).Succeeded);
        Assert.True((await bed.Changes.DeleteForMeAsync(bed.Bob, hidden.Id, Ct)).Succeeded);
        await Assert.ThrowsAsync<NotAMemberException>(() => bed.Changes.DeleteForMeAsync(bed.Carol, kept.Id, Ct));

        Assert.Equal(["the plan stays"], (await bed.Chat.GetPageAsync(bed.Bob, bed.ConversationId, null, Ct)).Select(m => m.Body));
        Assert.Equal(["the plan stays"], (await bed.Chat.GetAfterAsync(bed.Bob, bed.ConversationId, 0, Ct)).Select(m => m.Body));
        Assert.Equal(["the plan stays"], (await bed.Chat.GetAroundAsync(bed.Bob, bed.ConversationId, hidden.Seq, Ct)).Select(m => m.Body));
        var search = bed.Services.Get<SearchService>();
        Assert.Empty(await search.SearchAsync(bed.Bob, null, "embarrassing", Ct));
        Assert.Single(await search.SearchAsync(bed.Alice, null, "embarrassing", Ct));
        Assert.Equal(2, (await bed.Chat.GetPageAsync(bed.Alice, bed.ConversationId, null, Ct)).Count);
        Assert.Equal([hidden.Id, hidden.Id], bobsTabs.OfType<MessageHidden>().Select(e => e.MessageId));
        Assert.Empty(alicesTabs.OfType<MessageHidden>());
    }

    [Fact]
    public async Task Delete_for_everyone_is_refused_after_the_edit_window_and_delete_for_me_still_works()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var bed = await ChatTestBed.CreateAsync(time: time);
        var old = await bed.SendAsync(bed.Alice, "said long ago");
        time.Advance(MessageRules.EditWindow + TimeSpan.FromMinutes(1));

        var everyone = await bed.Changes.DeleteAsync(bed.Alice, old.Id, Ct);
        var me = await bed.Changes.DeleteForMeAsync(bed.Alice, old.Id, Ct);

        Assert.Equal(MessageRules.DeleteWindowPassed, everyone.Error);
        Assert.True(me.Succeeded);
        Assert.False((await bed.Chat.GetPageAsync(bed.Bob, bed.ConversationId, null, Ct)).Single().IsDeleted);
        Assert.Empty(await bed.Chat.GetPageAsync(bed.Alice, bed.ConversationId, null, Ct));
    }
}
