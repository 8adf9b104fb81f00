using BlazorMessenger.Features.Chat.Compose;
using BlazorMessenger.Features.Media;
using Microsoft.AspNetCore.Components.Forms;

namespace BlazorMessenger.Tests.Features.Chat.Compose;

/// <summary>The composer's attachment without a renderer: what is refused when picked, the client id, the progress.</summary>
public sealed class AttachmentDraftTests
{
    private readonly AttachmentDraft _draft = new((1000, "Images can be at most 1 KB."), (5000, "A file can be at most 5 KB."));

    [Theory]
    [InlineData("image/png", 1001, "Images can be at most 1 KB.")]
    [InlineData("application/pdf", 5001, "A file can be at most 5 KB.")]
    [InlineData("text/plain", 0, MediaRules.EmptyFile)]
    public void A_file_that_cannot_be_sent_is_refused_when_it_is_picked_and_nothing_stays_attached(string type, long size, string refusal)
    {
        Assert.True(_draft.Pick(new PickedFile("earlier.txt", "text/plain", 10)));

        Assert.False(_draft.Pick(new PickedFile("picked", type, size)));

        Assert.Equal((refusal, null), (_draft.Refusal, _draft.File));
        _draft.Clear();
        Assert.Null(_draft.Refusal);
    }

    [Fact]
    public void An_image_and_a_document_each_have_their_own_limit()
    {
        Assert.True(_draft.Pick(new PickedFile("photo.png", "image/png", 1000)));
        Assert.Equal((true, 1000L), (_draft.IsImage, _draft.MaxBytes));

        Assert.True(_draft.Pick(new PickedFile("report.pdf", "application/pdf", 4000)));
        Assert.Equal((false, 5000L), (_draft.IsImage, _draft.MaxBytes));
    }

    [Fact]
    public void The_client_id_stays_through_a_failed_upload_so_a_retry_stores_once_and_a_stored_one_makes_the_next_new()
    {
        _draft.Pick(new PickedFile("report.pdf", "application/pdf", 4000));
        var id = _draft.ClientMessageId;

        _draft.UploadStarted();
        _draft.UploadStopped();
        Assert.Equal((id, false), (_draft.ClientMessageId, _draft.Uploading));
        Assert.NotNull(_draft.File);

        _draft.UploadStarted();
        _draft.Stored();
        Assert.Null(_draft.File);
        Assert.NotEqual(id, _draft.ClientMessageId);

        var next = _draft.ClientMessageId;
        _draft.Pick(new PickedFile("other.pdf", "application/pdf", 10));
        Assert.NotEqual(next, _draft.ClientMessageId);
    }

    [Fact]
    public void Progress_is_shown_in_steps_and_always_at_the_end()
    {
        _draft.Pick(new PickedFile("report.pdf", "application/pdf", 4000));
        _draft.UploadStarted();

        var shown = new[] { 1.0, 4.9, 5.0, 7.5, 10.2, 99.0, 100.0 }.Where(_draft.Advanced).ToList();

        Assert.Equal([5.0, 10.2, 99.0, 100.0], shown);
        Assert.Equal(100, _draft.Progress);
    }

    private sealed record PickedFile(string Name, string ContentType, long Size) : IBrowserFile
    {
        public DateTimeOffset LastModified => DateTimeOffset.UnixEpoch;

        public Stream OpenReadStream(long maxAllowedSize = 512000, CancellationToken cancellationToken = default) =>
            new MemoryStream(new byte[Size]);
    }
}
