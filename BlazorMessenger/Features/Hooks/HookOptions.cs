namespace BlazorMessenger.Features.Hooks;

/// <summary>Incoming webhooks (Slack's limit of about one post a second, with bursts, as the default).</summary>
public sealed class HookOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Messenger:Hooks";

    /// <summary>Webhooks one conversation may have.</summary>
    public int MaxPerConversation { get; set; } = 10;

    /// <summary>Posts one webhook may make a second, on average.</summary>
    public double PostsPerSecond { get; set; } = 1;

    /// <summary>Posts one webhook may make at once before the pace applies.</summary>
    public int Burst { get; set; } = 10;

    /// <summary>The largest request body a post may have; a larger one is answered 413.</summary>
    public int MaxPayloadBytes { get; set; } = 256 * 1024;
}
