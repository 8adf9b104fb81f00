using BlazorMessenger.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BlazorMessenger.Tests.TestSupport;

/// <summary>The real app on a real Kestrel port (chosen by the OS) with a fresh temporary data directory.</summary>
public sealed class MessengerAppFactory : WebApplicationFactory<Program>
{
    private readonly bool _ownsData;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly Action<IServiceCollection>? _services;

    /// <summary>
    /// The app; settings override its configuration (the per-address account limits are lifted unless set), services
    /// its registrations.
    /// </summary>
    public MessengerAppFactory(IReadOnlyDictionary<string, string>? settings = null, Action<IServiceCollection>? services = null)
        : this(TempDirectory.NewPath("bm-app"), ownsData: true, settings ?? new Dictionary<string, string>(), services)
    {
    }

    private MessengerAppFactory(
        string dataDirectory, bool ownsData, IReadOnlyDictionary<string, string> settings, Action<IServiceCollection>? services)
    {
        (DataDirectory, _ownsData, _settings, _services) = (dataDirectory, ownsData, settings, services);
        // Kestrel on a port the system picks, named by the app's own URL setting: given as UseKestrel(port), the factory
        // writes the port into the server's addresses itself, which now and then came after the server had started
        // ("cannot be modified after the server has started").
        UseKestrel();
    }

    /// <summary>The same app started again on the same data (its database, media and keys), as after a restart.</summary>
    public MessengerAppFactory Restarted() => new(DataDirectory, ownsData: false, _settings, _services);

    public string DataDirectory { get; }

    public RecordedErrors Errors { get; } = new();

    /// <summary>
    /// The started server's address, read once: asking WebApplicationFactory to start a server that is already running
    /// sometimes tries to set its addresses again and throws ("cannot be modified after the server has started").
    /// </summary>
    public string BaseUrl
    {
        get
        {
            lock (_baseUrlGate)
            {
                if (_baseUrl is null)
                {
                    StartServer();
                    var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()
                        ?? throw new InvalidOperationException("The test server reports no address.");
                    _baseUrl = addresses.Addresses.First().Replace("[::]", "127.0.0.1").TrimEnd('/');
                }

                return _baseUrl;
            }
        }
    }

    private readonly Lock _baseUrlGate = new();
    private string? _baseUrl;

    /// <summary>Creates a person through the app's own UserManager (with the test password) and returns their id.</summary>
    public async Task<string> CreateUserAsync(string userName, string? email = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = userName, Email = email ?? $"{userName}@example.test" };
        var result = await users.CreateAsync(user, BrowserPeople.Password);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
        return user.Id;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Development serves static web assets straight from the build output, as `dotnet run` does.
        builder.UseEnvironment("Development");
        builder.UseUrls("http://127.0.0.1:0");
        builder.UseSetting("Messenger:DataDirectory", DataDirectory);
        builder.UseSetting("Messenger:SeedDemoUsers", "false");
        builder.UseSetting("Messenger:PresenceGraceSeconds", "1");
        builder.UseSetting("DetailedErrors", "true");
        // Every browser test logs in from 127.0.0.1: the per-address limits would stop the suite, not an attacker.
        builder.UseSetting("Messenger:Accounts:AttemptBurst", "100000");
        builder.UseSetting("Messenger:Accounts:RegistrationBurst", "100000");
        // The Web Push tests' push service (TestSupport/PushService) listens on plain http.
        builder.UseSetting("Messenger:Push:AllowInsecureEndpoints", "true");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(TestServices.QuickPasswordHashing);
        if (_services is not null)
        {
            builder.ConfigureServices(_services);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Errors));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsData)
        {
            TempDirectory.Delete(DataDirectory);
        }
    }
}
