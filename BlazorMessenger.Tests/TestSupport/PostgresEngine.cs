using BlazorMessenger.Data;
using BlazorMessenger.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BlazorMessenger.Tests.TestSupport;

/// <summary>
/// The throwaway PostgreSQL server test.sh starts. Each test gets a database of its own, copied from a template that
/// is migrated once per run (a copy takes milliseconds, a migration a second).
/// </summary>
public static class PostgresEngine
{
    /// <summary>A connection string to the server as a superuser (test.sh sets it).</summary>
    public const string ServerVariable = "MESSENGER_TEST_POSTGRES";

    /// <summary>Set to Postgres by test.sh's second pass: the service tests (trait Storage=Both) run on PostgreSQL.</summary>
    public const string ProviderVariable = "MESSENGER_TEST_PROVIDER";

    private static readonly Lazy<Task<string>> Template = new(CreateTemplateAsync);

    public static bool ForServiceTests =>
        string.Equals(Environment.GetEnvironmentVariable(ProviderVariable), nameof(DatabaseProvider.Postgres), StringComparison.OrdinalIgnoreCase);

    public static string Server => Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } server
        ? server
        : throw new InvalidOperationException(
            $"{ServerVariable} is not set. Run ./test.sh, which starts a throwaway PostgreSQL (installing postgresql with apt " +
            $"when missing), or set it to a server you may create databases on: {ServerVariable}=\"Host=127.0.0.1;Port=5432;Username=postgres\"");

    /// <summary>A new database with the current schema; its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var template = await Template.Value;
        var name = $"bm_{Guid.NewGuid():N}";
        await ExecuteAsync($"""CREATE DATABASE "{name}" TEMPLATE "{template}" """);
        return On(name);
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        // Only this database's idle connections: other tests' pools stay.
        NpgsqlConnection.ClearPool(new NpgsqlConnection(connectionString));
        await ExecuteAsync($"""DROP DATABASE IF EXISTS "{name}" WITH (FORCE)""");
    }

    /// <summary>A connection string to a database nobody has made yet (the app creates it).</summary>
    public static string NewDatabaseName() => On($"bm_{Guid.NewGuid():N}");

    private static string On(string database, bool pooling = true) =>
        new NpgsqlConnectionStringBuilder(Server) { Database = database, Pooling = pooling }.ToString();

    private static async Task<string> CreateTemplateAsync()
    {
        var name = $"bm_template_{Environment.ProcessId}_{Guid.NewGuid():N}";
        await ExecuteAsync($"""CREATE DATABASE "{name}" """);
        // The app's own registrations: Identity's options shape the model. No pooled connection may stay open on a
        // template, or copying it fails.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [TestServices.ProviderKey] = nameof(DatabaseProvider.Postgres),
            [TestServices.ConnectionStringKey] = On(name, pooling: false),
        }).Build();
        var services = new ServiceCollection().AddLogging().AddMessengerBackend(configuration);
        await using (var provider = services.BuildServiceProvider())
        {
            await using var db = await provider.GetRequiredService<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync();
            await db.Database.MigrateAsync();
        }

        return name;
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(On("postgres", pooling: false));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
