namespace BlazorMessenger.Hosting.Operations;

/// <summary>The readiness check's limits (<c>/health/ready</c>).</summary>
public sealed class HealthOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Messenger:Health";

    /// <summary>A batch of messages taking this long means the writer is stuck, and the app is not ready.</summary>
    public double WriterStallSeconds { get; set; } = 30;

    /// <summary>A check that has not answered by then counts as failed.</summary>
    public double CheckTimeoutSeconds { get; set; } = 5;
}

/// <summary>The Prometheus scrape endpoint (<c>/metrics</c>).</summary>
public sealed class MetricsOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Messenger:Metrics";

    public bool Enabled { get; set; }

    /// <summary>Addresses ("10.0.0.5") and networks ("10.0.0.0/8") that may scrape besides loopback; anyone else gets 404.</summary>
    public string[] AllowedAddresses { get; set; } = [];
}
