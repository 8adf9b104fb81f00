using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace BlazorMessenger.Hosting.Backup;

/// <summary>
/// manifest.json, written last: a directory without one is an unfinished backup. Paths are relative to the backup (and to
/// the data directory it restores into), with '/' between folders. GoneMedia lists files the snapshot refers to that had
/// already been removed when they were copied (their message was deleted meanwhile).
/// </summary>
public sealed record BackupManifest(
    int FormatVersion,
    string AppVersion,
    DateTime CreatedUtc,
    BackupCounts Counts,
    IReadOnlyList<BackupFile> Files,
    IReadOnlyList<string> GoneMedia)
{
    public const int CurrentFormat = 1;
    public const string FileName = "manifest.json";
    public const string DatabaseFile = StorageLocation.DatabaseFile;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // Read by people too: "1.0.0+abc", not "1.0.0\u002Babc" (the file is never embedded in HTML).
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    public static string CurrentAppVersion =>
        typeof(BackupManifest).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public async Task WriteAsync(string directory, CancellationToken ct)
    {
        var path = Path.Combine(directory, FileName);
        await using (var file = File.Create(path))
        {
            await JsonSerializer.SerializeAsync(file, this, Json, ct);
            file.Flush(flushToDisk: true);
        }
    }

    public static async Task<BackupManifest> ReadAsync(string directory, CancellationToken ct)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            throw new BackupRefusedException($"{path} does not exist: {directory} is not a finished backup.");
        }

        BackupManifest? manifest;
        try
        {
            await using var file = File.OpenRead(path);
            manifest = await JsonSerializer.DeserializeAsync<BackupManifest>(file, Json, ct);
        }
        catch (JsonException ex)
        {
            throw new BackupRefusedException($"{path} cannot be read ({ex.Message}); nothing was restored.");
        }

        if (manifest is null)
        {
            throw new BackupRefusedException($"{path} is empty; nothing was restored.");
        }

        if (manifest.FormatVersion != CurrentFormat)
        {
            throw new BackupRefusedException(
                $"{path} has format {manifest.FormatVersion} and this version reads format {CurrentFormat}; restore it with the version that made it ({manifest.AppVersion}).");
        }

        if (!manifest.Files.Any(f => f.Path == DatabaseFile))
        {
            throw new BackupRefusedException($"{path} lists no {DatabaseFile}; nothing was restored.");
        }

        return manifest;
    }
}

/// <summary>Rows in the snapshot: what a restore should show.</summary>
public sealed record BackupCounts(long Users, long Conversations, long Messages, long Media);

public sealed record BackupFile(string Path, long Bytes, string Sha256);
