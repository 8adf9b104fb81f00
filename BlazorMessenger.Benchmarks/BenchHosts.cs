using BlazorMessenger.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BlazorMessenger.Benchmarks;

/// <summary>Settings every benchmark host shares: its own data directory and send limits far above the load.</summary>
public static class BenchSettings
{
    public static string NewDataDirectory(string name) =>
        Path.Combine(Path.GetTempPath(), $"bm-bench-{name}-{Guid.NewGuid():N}");

    public static Dictionary<string, string?> For(string dataDirectory) => new()
    {
        ["Messenger:DataDirectory"] = dataDirectory,
        ["Messenger:SeedDemoUsers"] = "false",
        ["Messenger:PresenceGraceSeconds"] = "1",
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
        ["Messenger:RateLimits:MessageBurst"] = "1000000",
        ["Messenger:RateLimits:MessagesPerMinute"] = "1000000",
        // Every simulated person logs in from 127.0.0.1.
        ["Messenger:Accounts:AttemptBurst"] = "1000000",
        ["Messenger:Accounts:RegistrationBurst"] = "1000000",
        // The memory scenario opens a hundred tabs for one person.
        ["Messenger:Circuits:MaxPerUser"] = "1000",
        // The push scenario's push service listens on plain http.
        ["Messenger:Push:AllowInsecureEndpoints"] = "true",
    };

    /// <summary>
    /// Removes a run's data directory. An app just disposed may still finish a write into it (a circuit ending, the
    /// database's journal), which makes a recursive delete meet a file it did not list: it tries again a few times.
    /// </summary>
    public static void Delete(string dataDirectory)
    {
        SqliteConnection.ClearAllPools();
        for (var attempt = 1; Directory.Exists(dataDirectory); attempt++)
        {
            try
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
            catch (IOException) when (attempt < 10)
            {
                Thread.Sleep(200);
                SqliteConnection.ClearAllPools();
            }
        }
    }
}

/// <summary>The real app on a real Kestrel port, in this process, so service-level load and memory can be read here.</summary>
public sealed class BenchApp(TimeSpan circuitRetention) : WebApplicationFactory<Program>
{
    public string DataDirectory { get; } = BenchSettings.NewDataDirectory("app");

    public string BaseUrl
    {
        get
        {
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
            return addresses.Addresses.First().Replace("[::]", "127.0.0.1").TrimEnd('/');
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // A port the system picks, through the app's URL setting (see MessengerAppFactory).
        UseKestrel();
        builder.UseUrls("http://127.0.0.1:0");
        // Development serves static web assets from the build output, as `dotnet run` does.
        builder.UseEnvironment("Development");
        foreach (var (key, value) in BenchSettings.For(DataDirectory))
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting("Messenger:Circuits:RetentionSeconds", circuitRetention.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        BenchSettings.Delete(DataDirectory);
    }
}

/// <summary>The app's services without a web server, over their own data directory: for service-level scenarios.</summary>
public sealed class BenchServices : IAsyncDisposable
{
    private BenchServices(ServiceProvider provider, string dataDirectory, bool keep)
    {
        Provider = provider;
        DataDirectory = dataDirectory;
        _keep = keep;
    }

    private readonly bool _keep;

    public ServiceProvider Provider { get; }

    public string DataDirectory { get; }

    public T Get<T>()
        where T : notnull => Provider.GetRequiredService<T>();

    /// <param name="keep">Leave the data directory behind (the cold-start scenario reuses it).</param>
    /// <param name="settings">More settings (another database, Redis).</param>
    public static Task<BenchServices> CreateAsync(string name, bool keep = false, IReadOnlyDictionary<string, string?>? settings = null) =>
        OpenAsync(BenchSettings.NewDataDirectory(name), keep, settings);

    public static async Task<BenchServices> OpenAsync(string dataDirectory, bool keep, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(BenchSettings.For(dataDirectory))
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddMessengerBackend(configuration);
        var provider = services.BuildServiceProvider();
        await provider.PrepareStorageAsync(CancellationToken.None);
        return new BenchServices(provider, dataDirectory, keep);
    }

    public async ValueTask DisposeAsync()
    {
        await Provider.DisposeAsync();
        if (!_keep)
        {
            BenchSettings.Delete(DataDirectory);
        }
    }
}
