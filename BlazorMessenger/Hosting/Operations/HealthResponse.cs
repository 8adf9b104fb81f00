using System.Security.Claims;
using System.Text.Json;
using BlazorMessenger.Features.Accounts;
using BlazorMessenger.Features.Admin;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BlazorMessenger.Hosting.Operations;

/// <summary>
/// What a health endpoint answers: the status word for everyone, and each check's status and description as JSON for
/// requests from this machine and for signed-in admins (a description names paths and free space).
/// </summary>
public static class HealthResponse
{
    public static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        if (!await MayShowDetailsAsync(context))
        {
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(report.Status.ToString());
            return;
        }

        var checks = report.Entries.ToDictionary(
            e => e.Key, e => new CheckDetails(e.Value.Status.ToString(), e.Value.Description, e.Value.Duration.TotalMilliseconds));
        await context.Response.WriteAsJsonAsync(
            new Details(report.Status.ToString(), report.TotalDuration.TotalMilliseconds, checks), JsonSerializerOptions.Web);
    }

    public static async Task<bool> MayShowDetailsAsync(HttpContext context) =>
        ClientAddress.IsLoopback(context.Connection.RemoteIpAddress)
        || (context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId
            && await context.RequestServices.GetRequiredService<AdminService>().IsAdminAsync(userId, context.RequestAborted));

    private sealed record Details(string Status, double DurationMs, Dictionary<string, CheckDetails> Checks);

    private sealed record CheckDetails(string Status, string? Description, double DurationMs);
}
