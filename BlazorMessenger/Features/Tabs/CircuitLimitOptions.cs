namespace BlazorMessenger.Features.Tabs;

/// <summary>Circuits: one per open tab, each holding that page's state in the server's memory while it is open.</summary>
public sealed class CircuitLimitOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Messenger:Circuits";

    /// <summary>Tabs one person may have open at once; the next one shows a message instead of the app.</summary>
    public int MaxPerUser { get; set; } = 20;

    /// <summary>
    /// Circuits whose connection dropped without the page closing (a lost network, a sleeping laptop), kept for its
    /// reconnect; all people together, the oldest going first beyond this.
    /// </summary>
    public int MaxRetainedDisconnected { get; set; } = 100;

    /// <summary>How long such a circuit is kept; a page that comes back later reloads (its outbox and drafts are in the browser).</summary>
    public double RetentionSeconds { get; set; } = 60;
}
