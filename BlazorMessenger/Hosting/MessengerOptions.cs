namespace BlazorMessenger.Hosting;

public sealed class MessengerOptions
{
    public const string SectionName = "Messenger";

    /// <summary>Where the database (and later media) live; relative paths are under the content root.</summary>
    public string DataDirectory { get; set; } = "data";

    public bool SeedDemoUsers { get; set; }

    /// <summary>Off by default: a fresh install has no mail server to confirm addresses with.</summary>
    public bool RequireConfirmedAccount { get; set; }

    public string ResolveDataDirectory(string contentRoot) =>
        Path.GetFullPath(Path.Combine(contentRoot, DataDirectory));
}
