using BlazorMessenger.Data;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Chat.Log;
using BlazorMessenger.Features.Contacts;
using BlazorMessenger.Features.Media;
using BlazorMessenger.Features.Shared;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Tests.Features.Chat;

[BothDatabases]
public sealed class ReplyAndForwardTests : IAsyncLifetime
{
    private ChatTestBed _bed = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _bed = await ChatTestBed.CreateAsync();

    public ValueTask DisposeAsync() => _bed.DisposeAsync();

    [Fact]
    public async Task A_reply_carries_the_quote_which_follows_an_edit_and_a_delete_of_the_original()
    {
        var original = await _bed.SendAsync(_bed.Bob, "what time?");
        var reply = await ReplyAsync(_bed.Alice, original.Id, "at noon");
        Assert.Equal((original.Id, "what time?", false), (reply.ReplyTo!.Id, reply.ReplyTo.Text, reply.ReplyTo.Deleted));

        await _bed.Changes.EditAsync(_bed.Bob, original.Id, "what time tomorrow?", Ct);
        Assert.Equal("what time tomorrow?", (await ReadAsync(reply.Id)).ReplyTo!.Text);

        await _bed.Changes.DeleteAsync(_bed.Bob, original.Id, Ct);
        var afterDelete = (await ReadAsync(reply.Id)).ReplyTo!;
        Assert.True(afterDelete.Deleted);
        Assert.Equal("", afterDelete.Text);
    }

    [Fact]
    public async Task A_reply_to_a_message_of_another_conversation_is_refused_and_one_to_a_deleted_message_quotes_it_as_deleted()
    {
        var carolWithAlice = (await _bed.Services.Get<ContactService>().AddAsync(_bed.Carol, "alice", Ct)).Value!.ConversationId;
        var elsewhere = (await _bed.Chat.SendAsync(_bed.Carol, carolWithAlice, Guid.NewGuid(), "private", ct: Ct)).Value!;
        var deleted = await _bed.SendAsync(_bed.Bob, "oops");
        await _bed.Changes.DeleteAsync(_bed.Bob, deleted.Id, Ct);

        var across = await _bed.Chat.SendAsync(_bed.Bob, _bed.ConversationId, Guid.NewGuid(), "quoting", elsewhere.Id, Ct);
        var toDeleted = await _bed.Chat.SendAsync(_bed.Alice, _bed.ConversationId, Guid.NewGuid(), "quoting", deleted.Id, Ct);

        Assert.Equal(ChatService.ReplyElsewhere, across.Error);
        Assert.True(toDeleted.Value!.ReplyTo!.Deleted);
        Assert.Equal(QuoteText.Deleted, QuoteText.Of(toDeleted.Value.ReplyTo, _ => null));
        Assert.Single(await _bed.Chat.GetAfterAsync(_bed.Bob, _bed.ConversationId, 0, Ct), m => m.Body == "quoting");
    }

    [Fact]
    public async Task A_forward_copies_the_message_marked_forwarded_into_each_chosen_conversation_once()
    {
        var aliceWithCarol = (await _bed.Services.Get<ContactService>().AddAsync(_bed.Alice, "carol", Ct)).Value!.ConversationId;
        var source = await _bed.SendAsync(_bed.Bob, "the plan");
        var operation = Guid.NewGuid();

        var first = await _bed.Forwards.ForwardAsync(_bed.Alice, source.Id, [aliceWithCarol, _bed.ConversationId], operation, Ct);
        var again = await _bed.Forwards.ForwardAsync(_bed.Alice, source.Id, [aliceWithCarol], operation, Ct);

        Assert.All(first.Value!, o => Assert.Null(o.Error));
        Assert.Equal(first.Value![0].Copy!.Id, again.Value![0].Copy!.Id);
        var copies = await _bed.Chat.GetAfterAsync(_bed.Carol, aliceWithCarol, 0, Ct);
        var copy = Assert.Single(copies, m => m.Body == "the plan");
        Assert.True(copy.Forwarded);
        Assert.Equal(_bed.Alice, copy.SenderId);
    }

    [Fact]
    public async Task Forwarding_needs_read_access_to_the_source_and_membership_of_each_target()
    {
        var carolWithAlice = (await _bed.Services.Get<ContactService>().AddAsync(_bed.Carol, "alice", Ct)).Value!.ConversationId;
        var secret = (await _bed.Chat.SendAsync(_bed.Carol, carolWithAlice, Guid.NewGuid(), "for alice only", ct: Ct)).Value!;
        var mine = await _bed.SendAsync(_bed.Bob, "hello");

        await Assert.ThrowsAsync<NotAMemberException>(() => _bed.Forwards.ForwardAsync(_bed.Bob, secret.Id, [_bed.ConversationId], Guid.NewGuid(), Ct));
        var intoStranger = await _bed.Forwards.ForwardAsync(_bed.Bob, mine.Id, [carolWithAlice], Guid.NewGuid(), Ct);

        Assert.NotNull(Assert.Single(intoStranger.Value!).Error);
        Assert.DoesNotContain(await _bed.Chat.GetAfterAsync(_bed.Carol, carolWithAlice, 0, Ct), m => m.Body == "hello");
    }

    [Fact]
    public async Task A_forwarded_image_shares_the_files_which_stay_until_the_last_copy_is_deleted()
    {
        var aliceWithCarol = (await _bed.Services.Get<ContactService>().AddAsync(_bed.Alice, "carol", Ct)).Value!.ConversationId;
        var image = (await _bed.Attachments.SendImageAsync(_bed.Bob, _bed.ConversationId, Guid.NewGuid(), TestImages.Png(), "look", ct: Ct)).Value!;
        var copy = (await _bed.Forwards.ForwardAsync(_bed.Alice, image.Id, [aliceWithCarol], Guid.NewGuid(), Ct)).Value![0].Copy!;
        var store = _bed.Services.Get<MediaStore>();
        string key;
        await using (var db = await _bed.Services.Get<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync(Ct))
        {
            key = (await db.Media.SingleAsync(m => m.Id == copy.Image!.Id, Ct)).StorageKey;
            Assert.Equal(2, await db.Media.CountAsync(m => m.StorageKey == key, Ct));
        }

        Assert.NotEqual(image.Image!.Id, copy.Image!.Id);
        await _bed.Changes.DeleteAsync(_bed.Bob, image.Id, Ct);
        Assert.True(File.Exists(store.PathFor(key)));
        await _bed.Changes.DeleteAsync(_bed.Alice, copy.Id, Ct);
        Assert.False(File.Exists(store.PathFor(key)));
    }

    [Fact]
    public async Task A_retried_reply_answers_the_stored_message_even_after_the_original_was_deleted()
    {
        var original = await _bed.SendAsync(_bed.Bob, "soon gone");
        var clientId = Guid.NewGuid();
        var first = await _bed.Chat.SendAsync(_bed.Alice, _bed.ConversationId, clientId, "answer", original.Id, Ct);
        await _bed.Changes.DeleteAsync(_bed.Bob, original.Id, Ct);

        var retry = await _bed.Chat.SendAsync(_bed.Alice, _bed.ConversationId, clientId, "answer", original.Id, Ct);

        Assert.True(retry.Succeeded, retry.Error);
        Assert.Equal(first.Value!.Id, retry.Value!.Id);
    }

    [Fact]
    public async Task Removing_a_reported_file_removes_its_forwarded_copies_and_the_file()
    {
        var aliceWithCarol = (await _bed.Services.Get<ContactService>().AddAsync(_bed.Alice, "carol", Ct)).Value!.ConversationId;
        var file = (await _bed.Attachments.SendFileAsync(_bed.Bob, _bed.ConversationId, Guid.NewGuid(),
            new FileUpload(new MemoryStream([1, 2, 3]), "bad.exe", null), null, ct: Ct)).Value!;
        var copy = (await _bed.Forwards.ForwardAsync(_bed.Alice, file.Id, [aliceWithCarol], Guid.NewGuid(), Ct)).Value![0].Copy!;

        await _bed.Changes.RemoveForModerationAsync(file.Id, Ct);

        Assert.True((await _bed.Chat.GetAfterAsync(_bed.Carol, aliceWithCarol, 0, Ct)).Single(m => m.Id == copy.Id).IsDeleted);
        Assert.Empty(_bed.Services.Get<MediaStore>().EnumerateKeys());
    }

    [Fact]
    public async Task A_forwarded_file_counts_against_the_forwarders_storage_and_a_forward_past_it_is_refused()
    {
        await using var bed = await ChatTestBed.CreateAsync(new Dictionary<string, string?> { ["Messenger:Media:UserQuotaBytes"] = "1000" });
        var aliceWithCarol = (await bed.Services.Get<ContactService>().AddAsync(bed.Alice, "carol", Ct)).Value!.ConversationId;
        var big = (await bed.Attachments.SendFileAsync(bed.Bob, bed.ConversationId, Guid.NewGuid(),
            new FileUpload(new MemoryStream(new byte[700]), "a.bin", null), null, ct: Ct)).Value!;
        var other = (await bed.Attachments.SendFileAsync(bed.Bob, bed.ConversationId, Guid.NewGuid(),
            new FileUpload(new MemoryStream(new byte[250]), "b.bin", null), null, ct: Ct)).Value!;
        Assert.True((await bed.Attachments.SendFileAsync(bed.Alice, bed.ConversationId, Guid.NewGuid(),
            new FileUpload(new MemoryStream(new byte[200]), "mine.bin", null), null, ct: Ct)).Succeeded);

        Assert.Null((await bed.Forwards.ForwardAsync(bed.Alice, big.Id, [aliceWithCarol], Guid.NewGuid(), Ct)).Value![0].Error);
        Assert.Equal(900, await bed.Attachments.UsedStorageAsync(bed.Alice, Ct));
        Assert.Equal(950, await bed.Attachments.UsedStorageAsync(bed.Bob, Ct));
        Assert.Null((await bed.Forwards.ForwardAsync(bed.Alice, big.Id, [aliceWithCarol], Guid.NewGuid(), Ct)).Value![0].Error);
        Assert.Equal(bed.Attachments.QuotaReached, (await bed.Forwards.ForwardAsync(bed.Alice, other.Id, [aliceWithCarol], Guid.NewGuid(), Ct)).Value![0].Error);
    }

    private async Task<ChatMessage> ReplyAsync(string userId, long replyTo, string text)
    {
        var result = await _bed.Chat.SendAsync(userId, _bed.ConversationId, Guid.NewGuid(), text, replyTo, Ct);
        Assert.True(result.Succeeded, result.Error);
        return result.Value!;
    }

    private async Task<ChatMessage> ReadAsync(long id) =>
        (await _bed.Chat.GetAfterAsync(_bed.Alice, _bed.ConversationId, 0, Ct)).Single(m => m.Id == id);
}
