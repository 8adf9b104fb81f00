using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace BlazorMessenger.Hosting.Operations;

/// <summary>The data directory takes a write, and its disk has at least <see cref="MessengerOptions.MinFreeDiskMb"/> free.</summary>
public sealed class StorageCheck(StorageLocation storage, IOptions<MessengerOptions> options) : IHealthCheck
{
    private const long Megabyte = 1024 * 1024;
    private static readonly byte[] ProbeContent = "probe"u8.ToArray();

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var directory = storage.DataDirectory;
        try
        {
            // A unique name, so probes that overlap do not meet; deleted when closed, whatever happens.
            var probe = Path.Combine(directory, $".health-{Guid.NewGuid():N}");
            await using var file = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
            await file.WriteAsync(ProbeContent, cancellationToken);
            await file.FlushAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return HealthCheckResult.Unhealthy($"The data directory {directory} cannot be written: {ex.Message}", ex);
        }

        var freeMb = new DriveInfo(directory).AvailableFreeSpace / Megabyte;
        var minimumMb = options.Value.MinFreeDiskMb;
        return freeMb < minimumMb
            ? HealthCheckResult.Unhealthy($"{freeMb} MB free on the data directory's disk, below the minimum of {minimumMb} MB.")
            : HealthCheckResult.Healthy($"The data directory is writable; {freeMb} MB free.");
    }
}
