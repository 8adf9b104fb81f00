using System.Security.Cryptography;
using BlazorMessenger.Hosting;

namespace BlazorMessenger.Features.Media;

/// <summary>Files under {data}/media, outside wwwroot, named by the server: "{ab}/{id}.{ext}".</summary>
public sealed class MediaStore(StorageLocation storage)
{
    public string Root => Path.Combine(storage.DataDirectory, "media");

    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static string KeyFor(string id, string suffix) => $"{id[..2]}/{id}{suffix}";

    public string PathFor(string key)
    {
        var path = Path.GetFullPath(Path.Combine(Root, key));
        if (!path.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException("A media key must stay inside the media directory.", nameof(key));
        }

        return path;
    }

    public async Task WriteAsync(string key, byte[] data, CancellationToken ct)
    {
        var path = PathFor(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, data, ct);
    }

    public void Delete(string key) => File.Delete(PathFor(key));

    /// <summary>Every stored file, as (media id, key).</summary>
    public IEnumerable<(string Id, string Key)> EnumerateFiles()
    {
        if (!Directory.Exists(Root))
        {
            yield break;
        }

        foreach (var path in Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories))
        {
            var key = Path.GetRelativePath(Root, path).Replace(Path.DirectorySeparatorChar, '/');
            var name = Path.GetFileName(path);
            yield return (name[..Math.Max(0, name.IndexOf('.'))], key);
        }
    }
}
