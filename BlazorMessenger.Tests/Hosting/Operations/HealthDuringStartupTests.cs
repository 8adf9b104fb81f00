using System.Data.Common;
using System.Net;
using BlazorMessenger.Data;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorMessenger.Tests.Hosting.Operations;

public sealed class HealthDuringStartupTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task While_the_start_up_migration_runs_live_answers_200_and_ready_503_until_it_has_finished()
    {
        var migration = new HeldMigration();
        var server = new TaskCompletionSource<IServer>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = new MessengerAppFactory(services: services =>
        {
            services.ConfigureDbContext<ApplicationDbContext>(db => db.AddInterceptors(migration));
            services.AddSingleton<IStartupFilter>(new ServerCapture(server));
        });

        // The host's start waits for storage, and Kestrel answers meanwhile.
        var started = Task.Run(() => app.BaseUrl, Ct);
        try
        {
            var baseUrl = await ListeningAddressAsync(await server.Task.WaitAsync(Ct));
            await migration.Reached.WaitAsync(Ct);
            using var local = new FormClient(baseUrl);

            using var live = await local.GetAsync("/health/live");
            using var notReady = await local.GetAsync("/health/ready");

            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
            Assert.Contains("has not finished", await notReady.Content.ReadAsStringAsync(Ct));
            Assert.False(started.IsCompleted);
        }
        finally
        {
            migration.Release();
        }

        await started;
        using var client = new FormClient(app.BaseUrl);
        using var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    private static async Task<string> ListeningAddressAsync(IServer server)
    {
        string? address = null;
        await Eventually.TrueAsync(() =>
        {
            address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault(a => !a.EndsWith(":0", StringComparison.Ordinal));
            return address is not null;
        }, "Kestrel listening");
        return address!.Replace("[::]", "127.0.0.1").TrimEnd('/');
    }

    /// <summary>Holds the first database connection (the start-up migration's) open until released.</summary>
    private sealed class HeldMigration : DbConnectionInterceptor
    {
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Reached => _reached.Task;

        public void Release() => _released.TrySetResult();

        public override async Task ConnectionOpenedAsync(
            DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            _reached.TrySetResult();
            await _released.Task;
        }
    }

    /// <summary>Hands out the server as the pipeline is built, before the host has finished starting.</summary>
    private sealed class ServerCapture(TaskCompletionSource<IServer> server) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            server.TrySetResult(app.ApplicationServices.GetRequiredService<IServer>());
            next(app);
        };
    }
}
