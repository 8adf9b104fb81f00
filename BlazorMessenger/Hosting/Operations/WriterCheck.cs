using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Chat.Writer;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace BlazorMessenger.Hosting.Operations;

/// <summary>
/// The message writer takes messages (it stops at shutdown, so a load balancer stops sending people here) and is not
/// stuck: the batch it is writing (if any) has taken less than the configured limit.
/// </summary>
public sealed class WriterCheck(MessageWriter writer, IOptions<HealthOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var busy = writer.BusyFor;
        var limit = TimeSpan.FromSeconds(options.Value.WriterStallSeconds);
        return Task.FromResult(
            writer.IsStopped ? HealthCheckResult.Unhealthy("The server is shutting down: the message writer takes no new messages.")
            : busy >= limit ? HealthCheckResult.Unhealthy(
                $"The message writer has been on one batch for {busy.TotalSeconds:0} s (the limit is {limit.TotalSeconds:0} s).")
            : busy > TimeSpan.Zero ? HealthCheckResult.Healthy($"Writing a batch for {busy.TotalMilliseconds:0} ms.")
            : HealthCheckResult.Healthy("Waiting for messages."));
    }
}
