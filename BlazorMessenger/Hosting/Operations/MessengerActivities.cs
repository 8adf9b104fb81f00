using System.Diagnostics;

namespace BlazorMessenger.Hosting.Operations;

/// <summary>
/// Spans of the send path, exported beside ASP.NET Core's when OTLP is configured. Without a listener StartActivity
/// returns null and costs next to nothing.
/// </summary>
public static class MessengerActivities
{
    public static readonly ActivitySource Source = new(MessengerMetrics.MeterName);
}
