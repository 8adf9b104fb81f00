namespace BlazorMessenger.Hosting;

/// <summary>The resolved, absolute data directory of this instance.</summary>
public sealed record StorageLocation(string DataDirectory)
{
    public string DatabasePath => Path.Combine(DataDirectory, "messenger.db");

    /// <summary>The Data Protection key ring (sign-in cookies, circuits, antiforgery tokens).</summary>
    public string KeysDirectory => Path.Combine(DataDirectory, "keys");
}
