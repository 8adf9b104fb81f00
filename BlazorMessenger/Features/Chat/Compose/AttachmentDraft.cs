using BlazorMessenger.Features.Media;
using Microsoft.AspNetCore.Components.Forms;

namespace BlazorMessenger.Features.Chat.Compose;

/// <summary>
/// The composer's attachment, with no renderer: the file picked, pasted or dropped (an image, which the server encodes
/// again, or any other file, sent as it is), refused the moment it is picked when it cannot be sent; its client message
/// id, kept until the server has stored it, so that a retry or a second click never stores it twice; and the upload's
/// progress, in steps worth a render.
/// </summary>
/// <param name="maxImageBytes">The largest image accepted, and what a larger one is told.</param>
/// <param name="maxFileBytes">The largest document accepted, and what a larger one is told.</param>
public sealed class AttachmentDraft((long Bytes, string Refusal) maxImageBytes, (long Bytes, string Refusal) maxFileBytes)
{
    /// <summary>Progress is shown in steps of this many percent: each render is a trip to the browser.</summary>
    public const double ProgressStep = 5;

    public IBrowserFile? File { get; private set; }

    public bool IsImage { get; private set; }

    /// <summary>Why the file last picked cannot be sent (nothing is attached then).</summary>
    public string? Refusal { get; private set; }

    public Guid ClientMessageId { get; private set; } = Guid.NewGuid();

    public bool Uploading { get; private set; }

    /// <summary>Percent of the file read so far, as last shown.</summary>
    public double Progress { get; private set; }

    /// <summary>The most bytes the browser may stream for the file attached.</summary>
    public long MaxBytes => IsImage ? maxImageBytes.Bytes : maxFileBytes.Bytes;

    /// <summary>Takes a file, or refuses it; answers whether it was taken. A new file is a new message.</summary>
    public bool Pick(IBrowserFile file)
    {
        IsImage = ImageFormats.Accepted.Contains(file.ContentType);
        var (max, tooLarge) = IsImage ? maxImageBytes : maxFileBytes;
        Refusal = file.Size > max ? tooLarge : file.Size == 0 ? MediaRules.EmptyFile : null;
        (File, ClientMessageId) = Refusal is null ? (file, Guid.NewGuid()) : (null, ClientMessageId);
        return File is not null;
    }

    /// <summary>The person removed the attachment (or the refusal).</summary>
    public void Clear() => (File, Refusal, Uploading) = (null, null, false);

    public void UploadStarted() => (Uploading, Progress) = (true, 0);

    /// <summary>The upload read this far; answers whether the step is worth showing.</summary>
    public bool Advanced(double percent)
    {
        if (percent - Progress < ProgressStep && percent < 100)
        {
            return false;
        }

        Progress = percent;
        return true;
    }

    /// <summary>The upload ended without storing (refused, failed or cancelled): the file and its id stay for a retry.</summary>
    public void UploadStopped() => Uploading = false;

    /// <summary>The server stored the message: the next attachment is a new message.</summary>
    public void Stored() => (File, Uploading, ClientMessageId) = (null, false, Guid.NewGuid());
}
