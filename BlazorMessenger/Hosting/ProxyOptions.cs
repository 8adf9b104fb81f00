namespace BlazorMessenger.Hosting;

/// <summary>Where the app sits behind a reverse proxy that terminates TLS.</summary>
public sealed class ProxyOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Messenger:Proxy";

    /// <summary>Addresses of proxies whose X-Forwarded-For/-Proto/-Host headers are believed (loopback always is).</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks of such proxies, in CIDR notation ("10.0.0.0/8").</summary>
    public string[] KnownNetworks { get; set; } = [];
}
