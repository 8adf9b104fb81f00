using System.Text;
using BlazorMessenger.Data;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Media;
using BlazorMessenger.Features.Shared;
using BlazorMessenger.Realtime;
using BlazorMessenger.Tests.Features.Chat;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Tests.Features.Media;

[BothDatabases]
public sealed class ImageMessageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_image_message_is_stored_with_its_files_and_delivered_like_text()
    {
        await using var bed = await ChatTestBed.CreateAsync();
        using var bob = new HubRecorder(bed.Hub, bed.Bob);

        var result = await bed.Attachments.SendImageAsync(bed.Alice, bed.ConversationId, Guid.NewGuid(), TestImages.Png(640, 480), " a caption ", ct: Ct);

        Assert.True(result.Succeeded, result.Error);
        var message = result.Value!;
        Assert.Equal(MessageKind.Image, message.Kind);
        Assert.Equal("a caption", message.Body);
        Assert.Equal((640, 480, 320, 240), (message.Image!.Width, message.Image.Height, message.Image.ThumbWidth, message.Image.ThumbHeight));
        Assert.Equal(message.Id, Assert.Single(bob.OfType<MessagePosted>()).Message.Id);
        Assert.Equal(2, MediaFiles(bed).Count);
        var summary = Assert.Single(await bed.Lists.ListAsync(bed.Bob, Ct));
        Assert.Equal("📷 a caption", summary.LastMessagePreview);
        Assert.Equal(message.Image, (await bed.Chat.GetPageAsync(bed.Bob, bed.ConversationId, null, Ct)).Single().Image);
    }

    [Fact]
    public async Task The_viewer_steps_over_text_and_deleted_messages_and_only_members_may_step()
    {
        await using var bed = await ChatTestBed.CreateAsync();
        async Task<ChatMessage> ImageAsync(string caption) =>
            (await bed.Attachments.SendImageAsync(bed.Alice, bed.ConversationId, Guid.NewGuid(), TestImages.Png(20, 20), caption, ct: Ct)).Value!;
        var first = await ImageAsync("first");
        await bed.SendAsync(bed.Bob, "text in between");
        var deleted = await ImageAsync("deleted");
        var second = await ImageAsync("second");
        Assert.True((await bed.Changes.DeleteAsync(bed.Alice, deleted.Id, Ct)).Succeeded);
        var third = await ImageAsync("third");

        var atSecond = await bed.Chat.GetImageNavigationAsync(bed.Bob, bed.ConversationId, second.Seq, Ct);

        Assert.Equal((first.Id, third.Id, 2, 3), (atSecond.Previous?.Id, atSecond.Next?.Id, atSecond.Position, atSecond.Count));
        var atFirst = await bed.Chat.GetImageNavigationAsync(bed.Bob, bed.ConversationId, first.Seq, Ct);
        Assert.Equal((null, second.Id, 1), (atFirst.Previous?.Id, atFirst.Next?.Id, atFirst.Position));
        await Assert.ThrowsAsync<NotAMemberException>(() => bed.Chat.GetImageNavigationAsync(bed.Carol, bed.ConversationId, second.Seq, Ct));
    }

    [Theory]
    [InlineData("svg")]
    [InlineData("html as png")]
    [InlineData("truncated")]
    [InlineData("absurd header")]
    [InlineData("over 10 MB")]
    public async Task A_refused_upload_leaves_no_row_and_no_file(string what)
    {
        // Made here rather than passed as theory data: test discovery would serialize a 10 MB argument.
        byte[] bytes = what switch
        {
            "svg" => Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
            "html as png" => Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>"),
            "truncated" => TestImages.Png(300, 300)[..90],
            "absurd header" => TestImages.PngClaiming(100_000, 100_000),
            _ => [.. TestImages.Png(), .. new byte[10 * 1024 * 1024]],
        };
        await using var bed = await ChatTestBed.CreateAsync();

        var result = await bed.Attachments.SendImageAsync(bed.Alice, bed.ConversationId, Guid.NewGuid(), bytes, "caption", ct: Ct);

        Assert.False(result.Succeeded, what);
        await using var db = await bed.Services.Get<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync(Ct);
        Assert.Equal(0, await db.Media.CountAsync(Ct));
        Assert.Equal(0, await db.Messages.CountAsync(Ct));
        Assert.Empty(MediaFiles(bed));
    }

    [Fact]
    public async Task Only_members_can_send_images_and_a_repeated_client_id_stores_one()
    {
        await using var bed = await ChatTestBed.CreateAsync();
        var clientId = Guid.NewGuid();

        await Assert.ThrowsAsync<NotAMemberException>(() =>
            bed.Attachments.SendImageAsync(bed.Carol, bed.ConversationId, Guid.NewGuid(), TestImages.Png(), null, ct: Ct));
        var first = await bed.Attachments.SendImageAsync(bed.Alice, bed.ConversationId, clientId, TestImages.Png(), null, ct: Ct);
        var again = await bed.Attachments.SendImageAsync(bed.Alice, bed.ConversationId, clientId, TestImages.Png(), null, ct: Ct);

        Assert.Equal(first.Value!.Id, again.Value!.Id);
        Assert.Equal(2, MediaFiles(bed).Count);
    }

    [Fact]
    public async Task Start_up_removes_files_and_rows_that_no_message_refers_to_but_not_an_upload_in_progress()
    {
        await using var bed = await ChatTestBed.CreateAsync();
        var kept = await bed.Attachments.SendImageAsync(bed.Alice, bed.ConversationId, Guid.NewGuid(), TestImages.Png(), null, ct: Ct);
        var store = bed.Services.Get<MediaStore>();
        var strayKey = MediaStore.KeyFor(MediaStore.NewId(), ".png");
        await store.WriteAsync(strayKey, [1, 2, 3], Ct);
        File.SetLastWriteTimeUtc(store.PathFor(strayKey), DateTime.UtcNow.AddHours(-2));
        var uploadingKey = MediaStore.KeyFor(MediaStore.NewId(), ".bin");
        await store.WriteAsync(uploadingKey, [4, 5, 6], Ct);
        await using (var db = await bed.Services.Get<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync(Ct))
        {
            db.Media.Add(new Data.Media
            {
                Id = MediaStore.NewId(), OwnerId = bed.Alice, ConversationId = bed.ConversationId, ContentType = "image/png",
                StorageKey = "xx/none.png", ThumbKey = "xx/none.thumb.webp", ThumbContentType = "image/webp",
            });
            await db.SaveChangesAsync(Ct);
        }

        var removed = await bed.Services.Get<MediaJanitor>().RemoveOrphansAsync(Ct);

        Assert.Equal(1, removed);
        Assert.False(File.Exists(store.PathFor(strayKey)));
        Assert.True(File.Exists(store.PathFor(uploadingKey)));
        Assert.Equal(2, MediaFiles(bed).Count(f => f.Contains(kept.Value!.Image!.Id, StringComparison.Ordinal)));
        await using var check = await bed.Services.Get<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync(Ct);
        Assert.Equal(kept.Value!.Image!.Id, (await check.Media.SingleAsync(Ct)).Id);
    }

    private static List<string> MediaFiles(ChatTestBed bed)
    {
        var root = bed.Services.Get<MediaStore>().Root;
        return Directory.Exists(root) ? Directory.GetFiles(root, "*", SearchOption.AllDirectories).ToList() : [];
    }
}
