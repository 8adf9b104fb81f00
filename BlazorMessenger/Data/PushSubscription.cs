namespace BlazorMessenger.Data;

/// <summary>
/// One browser's Web Push subscription (what PushManager.subscribe gave it), made by one signed-in session: logging
/// that session out deletes it with the session. The endpoint is the push service's URL for that browser; P256dh and
/// Auth are the browser's keys the payload is encrypted to (RFC 8291). VapidKey is the server's public key the browser
/// subscribed with: after the server's key pair changes, the push service would refuse the old subscriptions.
/// </summary>
public sealed class PushSubscription
{
    public const int EndpointMaxLength = 2048;

    public long Id { get; init; }

    public required string UserId { get; init; }

    public required string SessionId { get; init; }

    public required string Endpoint { get; init; }

    public required string P256dh { get; init; }

    public required string Auth { get; init; }

    public required string VapidKey { get; init; }

    public string? UserAgent { get; init; }

    public DateTime CreatedUtc { get; init; }

    /// <summary>The last push the push service took, at most a minute stale.</summary>
    public DateTime? LastUsedUtc { get; set; }
}

/// <summary>A secret the server made for itself on first start and keeps with its data (the VAPID key pair).</summary>
public sealed class ServerSecret
{
    public required string Name { get; init; }

    public required string Value { get; init; }

    public DateTime CreatedUtc { get; init; }
}
