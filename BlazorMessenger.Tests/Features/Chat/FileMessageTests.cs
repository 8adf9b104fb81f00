using BlazorMessenger.Data;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Media;
using BlazorMessenger.Features.Shared;
using BlazorMessenger.Tests.TestSupport;

namespace BlazorMessenger.Tests.Features.Chat;

[BothDatabases]
public sealed class FileMessageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_document_is_stored_as_sent_with_a_clean_name_and_a_safe_type()
    {
        await using var bed = await ChatTestBed.CreateAsync();
        var sent = await SendAsync(bed, bed.Alice, "<b>x</b>"u8.ToArray(), "../../etc/pass\u202Ewd.html", "text/html");

        var file = Assert.IsType<ChatFile>(sent.Value!.File);
        Assert.Equal(MessageKind.File, sent.Value.Kind);
        Assert.Equal("pass_wd.html", file.Name);
        Assert.Equal(MediaRules.GenericType, file.ContentType);
        Assert.Equal(8, file.Bytes);
        Assert.Equal(file, (await bed.Chat.GetAfterAsync(bed.Bob, bed.ConversationId, 0, Ct)).Single().File);
    }

    [Fact]
    public async Task A_file_over_the_size_limit_or_empty_is_refused_and_leaves_no_file()
    {
        await using var bed = await ChatTestBed.CreateAsync(new Dictionary<string, string?> { ["Messenger:Media:MaxFileBytes"] = "1000" });
        var store = bed.Services.Get<MediaStore>();

        var large = await SendAsync(bed, bed.Alice, new byte[1001], "big.bin");
        var empty = await SendAsync(bed, bed.Alice, [], "empty.txt");

        Assert.Equal(bed.Attachments.TooLarge, large.Error);
        Assert.Equal(MediaRules.EmptyFile, empty.Error);
        Assert.Empty(store.EnumerateKeys());
        Assert.True((await SendAsync(bed, bed.Alice, new byte[1000], "fits.bin")).Succeeded);
    }

    [Fact]
    public async Task The_storage_quota_counts_each_file_once_and_a_deleted_message_frees_its_space()
    {
        await using var bed = await ChatTestBed.CreateAsync(new Dictionary<string, string?> { ["Messenger:Media:UserQuotaBytes"] = "1500" });
        var first = (await SendAsync(bed, bed.Alice, new byte[1000], "one.bin")).Value!;
        await bed.Forwards.ForwardAsync(bed.Alice, first.Id, [bed.ConversationId], Guid.NewGuid(), Ct);

        Assert.Equal(1000, await bed.Attachments.UsedStorageAsync(bed.Alice, Ct));
        var over = await SendAsync(bed, bed.Alice, new byte[600], "two.bin");
        Assert.Equal(bed.Attachments.QuotaReached, over.Error);
        Assert.True((await SendAsync(bed, bed.Bob, new byte[600], "bobs.bin")).Succeeded);

        foreach (var message in (await bed.Chat.GetAfterAsync(bed.Alice, bed.ConversationId, 0, Ct)).Where(m => m.SenderId == bed.Alice))
        {
            await bed.Changes.DeleteAsync(bed.Alice, message.Id, Ct);
        }

        Assert.Equal(0, await bed.Attachments.UsedStorageAsync(bed.Alice, Ct));
        Assert.True((await SendAsync(bed, bed.Alice, new byte[600], "two.bin")).Succeeded);
    }

    [Fact]
    public async Task A_voice_note_must_be_audio_within_the_length_limit()
    {
        await using var bed = await ChatTestBed.CreateAsync(new Dictionary<string, string?> { ["Messenger:Media:MaxVoiceSeconds"] = "60" });

        var ok = await bed.Attachments.SendFileAsync(bed.Alice, bed.ConversationId, Guid.NewGuid(),
            new FileUpload(new MemoryStream(new byte[300]), null, "audio/webm;codecs=opus", MediaKind.Voice, 12_300), null, ct: Ct);
        var tooLong = await bed.Attachments.SendFileAsync(bed.Alice, bed.ConversationId, Guid.NewGuid(),
            new FileUpload(new MemoryStream(new byte[300]), null, "audio/webm", MediaKind.Voice, 62_000), null, ct: Ct);
        var notAudio = await bed.Attachments.SendFileAsync(bed.Alice, bed.ConversationId, Guid.NewGuid(),
            new FileUpload(new MemoryStream(new byte[300]), null, "text/html", MediaKind.Voice, 1_000), null, ct: Ct);

        Assert.Equal((MessageKind.Voice, "audio/webm", 12_300), (ok.Value!.Kind, ok.Value.File!.ContentType, ok.Value.File.DurationMs!.Value));
        Assert.NotNull(tooLong.Error);
        Assert.Equal(MediaRules.NotAudio, notAudio.Error);
    }

    [Fact]
    public async Task Strangers_cannot_send_files_into_a_conversation()
    {
        await using var bed = await ChatTestBed.CreateAsync();

        await Assert.ThrowsAsync<NotAMemberException>(() => SendAsync(bed, bed.Carol, new byte[10], "x.bin"));
        Assert.Empty(bed.Services.Get<MediaStore>().EnumerateKeys());
    }

    private static Task<ServiceResult<ChatMessage>> SendAsync(ChatTestBed bed, string userId, byte[] content, string name, string type = "application/octet-stream") =>
        bed.Attachments.SendFileAsync(userId, bed.ConversationId, Guid.NewGuid(), new FileUpload(new MemoryStream(content), name, type), null, ct: Ct);
}
