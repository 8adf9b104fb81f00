namespace BlazorMessenger.Hosting;

/// <summary>
/// Prepares storage while Kestrel starts: the host starts its services concurrently, so building the EF Core model and
/// checking migrations overlap with the server's own start and the first request's compilation. Requests wait at
/// <see cref="UseStorageGate"/> until the database is ready; a failure stops the host as an awaited start would.
/// </summary>
public sealed class StorageStartup(IServiceProvider services) : IHostedService
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Ready => _ready.Task;

    public Task StartAsync(CancellationToken cancellationToken) => Task.Run(async () =>
    {
        try
        {
            await services.PrepareStorageAsync(cancellationToken, () => _ready.TrySetResult());
        }
        catch (Exception ex)
        {
            _ready.TrySetException(ex);
            throw;
        }
    }, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

public static class StorageGate
{
    /// <summary>
    /// Holds every request until the database is migrated (a completed task costs nothing after that), except those to
    /// endpoints marked with <see cref="BypassStorageGate"/>. Routing has run by then, so the endpoint is known.
    /// </summary>
    public static IApplicationBuilder UseStorageGate(this IApplicationBuilder app)
    {
        var startup = app.ApplicationServices.GetRequiredService<StorageStartup>();
        return app.Use(async (context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<Bypass>() is null)
            {
                await startup.Ready;
            }

            await next(context);
        });
    }

    /// <summary>The endpoint answers while storage is still being prepared (health probes must, during a long migration).</summary>
    public static TBuilder BypassStorageGate<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new Bypass());

    private sealed class Bypass;
}
