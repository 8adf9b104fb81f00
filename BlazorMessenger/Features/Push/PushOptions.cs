namespace BlazorMessenger.Features.Push;

/// <summary>Web Push: the server's VAPID identity and the limits of the background sender.</summary>
public sealed class PushOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Messenger:Push";

    /// <summary>The VAPID public key (base64url, uncompressed P-256 point); empty: the pair made on first start is used.</summary>
    public string VapidPublicKey { get; set; } = "";

    /// <summary>The VAPID private key (base64url, 32 bytes); set together with the public key.</summary>
    public string VapidPrivateKey { get; set; } = "";

    /// <summary>Who push services may contact about this server's pushes: a mailto: or https: URL.</summary>
    public string VapidSubject { get; set; } = "mailto:postmaster@localhost";

    /// <summary>Accept http:// push endpoints (tests with a local push service); real push services are https only.</summary>
    public bool AllowInsecureEndpoints { get; set; }

    /// <summary>Pushes waiting to be sent; when full, new ones are dropped (and counted), never the writer held up.</summary>
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>Requests to push services in flight at once.</summary>
    public int Concurrency { get; set; } = 64;

    /// <summary>Tries of one push after 5xx or 429 answers and network failures, with backoff, before it is dropped.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>How long a push service waits for a device that is offline before dropping the push (the TTL header).</summary>
    public int TimeToLiveSeconds { get; set; } = 24 * 60 * 60;

    /// <summary>How long one request to a push service may take.</summary>
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>Subscribed browsers one person may have; subscribing one more drops their least recently used.</summary>
    public int MaxPerUser { get; set; } = 20;
}
