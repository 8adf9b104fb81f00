using BlazorMessenger.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BlazorMessenger.Tests.TestSupport;

/// <summary>The app's real storage and Identity registrations over a temporary data directory.</summary>
public sealed class TestServices : IAsyncDisposable
{
    private TestServices(ServiceProvider provider, string dataDirectory)
    {
        Provider = provider;
        DataDirectory = dataDirectory;
    }

    public ServiceProvider Provider { get; }

    public string DataDirectory { get; }

    public static async Task<TestServices> CreateAsync(bool seedDemoUsers = false, bool prepare = true)
    {
        var dataDirectory = TempDirectory.NewPath("bm-services");
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Messenger:DataDirectory"] = dataDirectory,
                ["Messenger:SeedDemoUsers"] = seedDemoUsers.ToString(),
            })
            .Build();

        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddHttpContextAccessor();
        services.AddOptions<MessengerOptions>().Bind(configuration.GetSection(MessengerOptions.SectionName));
        services.AddAuthentication();
        services.AddMessengerStorage();
        services.AddMessengerIdentity();

        var testServices = new TestServices(services.BuildServiceProvider(validateScopes: true), dataDirectory);
        if (prepare)
        {
            await testServices.Provider.PrepareStorageAsync(TestContext.Current.CancellationToken);
        }

        return testServices;
    }

    public async ValueTask DisposeAsync()
    {
        await Provider.DisposeAsync();
        TempDirectory.Delete(DataDirectory);
    }
}
