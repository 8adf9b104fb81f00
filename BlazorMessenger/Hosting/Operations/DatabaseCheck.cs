using BlazorMessenger.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BlazorMessenger.Hosting.Operations;

/// <summary>The start-up migration has finished and the database answers a query.</summary>
public sealed class DatabaseCheck(StorageStartup startup, IDbContextFactory<ApplicationDbContext> dbFactory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var ready = startup.Ready;
        if (ready.IsFaulted)
        {
            return HealthCheckResult.Unhealthy("Storage start-up failed.", ready.Exception.InnerException);
        }

        if (!ready.IsCompletedSuccessfully)
        {
            return HealthCheckResult.Unhealthy("Storage start-up (the database migration) has not finished.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Users.AsNoTracking().AnyAsync(cancellationToken);
        return HealthCheckResult.Healthy("The database answers.");
    }
}
