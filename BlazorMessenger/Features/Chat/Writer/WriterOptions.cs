namespace BlazorMessenger.Features.Chat.Writer;

/// <summary>The group-commit message writer: how many sends may wait for it, and how long one waits before "busy".</summary>
public sealed class WriterOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Messenger:Writer";

    public int MaxQueue { get; set; } = 10_000;

    public double SendTimeoutSeconds { get; set; } = 10;
}
