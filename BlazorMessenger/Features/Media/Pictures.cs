using BlazorMessenger.Features.Shared;
using BlazorMessenger.Hosting.Operations;

namespace BlazorMessenger.Features.Media;

/// <summary>
/// Profile and group pictures: the per-user upload limit, the image pipeline with a square thumbnail, and both files
/// written. The caller stores the Media row, and deletes the files again (<see cref="MediaStore.DeleteFiles"/>) if it
/// cannot.
/// </summary>
public sealed class Pictures(UserRateLimiter rateLimiter, ImageProcessor images, MediaStore store, MessengerMetrics metrics, TimeProvider time)
{
    public const string SlowDown = "You're uploading pictures too quickly. Try again in a moment.";

    public async Task<ServiceResult<Data.Media>> SaveAsync(string ownerId, byte[] bytes, CancellationToken ct)
    {
        if (!rateLimiter.TryAcquire(RateLimitedAction.UploadImage, ownerId))
        {
            return ServiceResult<Data.Media>.Fail(SlowDown);
        }

        // Decoding is CPU work: keep it off the circuit's thread.
        var processed = await images.ProcessAsync(bytes, square: true, ct);
        if (processed.Value is not { } image)
        {
            return ServiceResult<Data.Media>.Fail(processed.Error!);
        }

        var media = MediaStore.NewMedia(ownerId, null, image, time.GetUtcNow().UtcDateTime);
        try
        {
            await store.WriteAsync(media.StorageKey, image.Full.Data, ct);
            await store.WriteAsync(media.ThumbKey!, image.Thumbnail.Data, ct);
        }
        catch
        {
            store.DeleteFiles(media);
            throw;
        }

        metrics.Uploaded(media);
        return ServiceResult<Data.Media>.Ok(media);
    }
}
