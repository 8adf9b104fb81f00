using BlazorMessenger.Data;
using BlazorMessenger.Features.Contacts;
using BlazorMessenger.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BlazorMessenger.Tests.TestSupport;

/// <summary>
/// The app's real storage and Identity registrations over a temporary data directory: SQLite in it, or on test.sh's
/// PostgreSQL pass a database of the test's own (<see cref="PostgresEngine"/>).
/// </summary>
public sealed class TestServices : IAsyncDisposable
{
    private readonly string? _postgresDatabase;

    private TestServices(ServiceProvider provider, string dataDirectory, string? postgresDatabase)
    {
        Provider = provider;
        DataDirectory = dataDirectory;
        _postgresDatabase = postgresDatabase;
    }

    public const string ProviderKey = "Messenger:Database:Provider";

    public const string ConnectionStringKey = "ConnectionStrings:Messenger";

    /// <summary>SQLite even on test.sh's PostgreSQL pass: for tests that hold SQLite's write lock (HeldWriteLock).</summary>
    public static readonly IReadOnlyDictionary<string, string?> OnSqlite = new Dictionary<string, string?> { [ProviderKey] = "Sqlite" };

    public ServiceProvider Provider { get; }

    /// <summary>
    /// Passwords hashed with 1,000 rounds instead of Identity's 100,000: the suite creates and signs in over a thousand
    /// people, and no test is about the hash's cost (a stored hash carries its own round count, so a production-set app
    /// still verifies it, and rehashes it on sign-in).
    /// </summary>
    public static void QuickPasswordHashing(IServiceCollection services) =>
        services.Configure<PasswordHasherOptions>(options => options.IterationCount = 1_000);

    public string DataDirectory { get; }

    public static async Task<TestServices> CreateAsync(
        bool seedDemoUsers = false, bool prepare = true, IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? time = null,
        Action<IServiceCollection>? configure = null, string? dataDirectory = null)
    {
        // A given directory (one a restore filled) is the test's from here on, and is removed with the services.
        dataDirectory ??= TempDirectory.NewPath("bm-services");
        var values = new Dictionary<string, string?>
        {
            ["Messenger:DataDirectory"] = dataDirectory,
            ["Messenger:SeedDemoUsers"] = seedDemoUsers.ToString(),
        };
        // test.sh's PostgreSQL pass: a database of the test's own, unless the test chose its storage itself.
        string? postgresDatabase = null;
        if (PostgresEngine.ForServiceTests && settings?.ContainsKey(ProviderKey) != true)
        {
            postgresDatabase = await PostgresEngine.CreateDatabaseAsync();
            values[ProviderKey] = nameof(DatabaseProvider.Postgres);
            values[ConnectionStringKey] = postgresDatabase;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();

        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddMessengerBackend(configuration);
        QuickPasswordHashing(services);
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        configure?.Invoke(services);

        var testServices = new TestServices(services.BuildServiceProvider(validateScopes: true), dataDirectory, postgresDatabase);
        if (prepare)
        {
            await testServices.Provider.PrepareStorageAsync(TestContext.Current.CancellationToken);
        }

        return testServices;
    }

    public T Get<T>()
        where T : notnull => Provider.GetRequiredService<T>();

    /// <summary>Creates a user through the real UserManager and returns their id.</summary>
    public async Task<string> CreateUserAsync(string userName, string? displayName = null)
    {
        await using var scope = Provider.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = userName, Email = $"{userName}@example.test", DisplayName = displayName };
        var result = await users.CreateAsync(user, "Blue-kettle-94-river");
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        return user.Id;
    }

    /// <summary>alice and bob, alice having added bob (their direct conversation exists); their ids.</summary>
    public async Task<(string Alice, string Bob)> ContactsAsync()
    {
        var alice = await CreateUserAsync("alice");
        var bob = await CreateUserAsync("bob");
        Assert.True((await Get<ContactService>().AddAsync(alice, "bob", TestContext.Current.CancellationToken)).Succeeded);
        return (alice, bob);
    }

    /// <summary>When the person was last seen, as stored.</summary>
    public async Task<DateTime?> LastSeenAsync(string userId)
    {
        await using var db = await Get<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        return await db.Users.Where(u => u.Id == userId).Select(u => u.LastSeenUtc).SingleAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await Provider.DisposeAsync();
        TempDirectory.Delete(DataDirectory);
        if (_postgresDatabase is not null)
        {
            await PostgresEngine.DropDatabaseAsync(_postgresDatabase);
        }
    }
}
