namespace BlazorMessenger.Hosting;

/// <summary>How quickly a page notices that its connection stalled: the server pings, the page waits this long for any message.</summary>
public sealed class ConnectionOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Messenger:Connection";

    public double KeepAliveSeconds { get; set; } = 1;

    public double ServerTimeoutSeconds { get; set; } = 2.5;
}
