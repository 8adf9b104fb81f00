using System.Collections.Concurrent;
using BlazorMessenger.Data;
using BlazorMessenger.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BlazorMessenger.Tests.TestSupport;

/// <summary>
/// The throwaway PostgreSQL server test.sh starts. Each test gets a database of its own: a copy of a template migrated
/// once per run (a copy takes milliseconds, a migration a second), emptied and handed to the next test when it is done.
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

    /// <summary>
    /// A database with the current schema and no rows; its connection string. It is one a finished test gave back, emptied
    /// (<see cref="DropDatabaseAsync"/>), or a new copy of the template: emptying costs PostgreSQL a fifth of a copy.
    /// </summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        if (Emptied.TryTake(out var emptied))
        {
            Copies[emptied] = true;
            return On(emptied);
        }

        var template = await Template.Value;
        var name = $"bm_{Guid.NewGuid():N}";
        await ExecuteAsync($"""CREATE DATABASE "{name}" TEMPLATE "{template}" """);
        Copies[name] = true;
        return On(name);
    }

    /// <summary>
    /// The test is done with its database: a copy of the template is emptied for the next test (every connection to it
    /// ended, every table truncated with its identities restarted, as new); any other database, or a copy that cannot be
    /// emptied, is dropped.
    /// </summary>
    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        if (Copies.TryGetValue(name, out var lent) && !lent)
        {
            // Given back already (the test disposed twice): it may be another test's by now.
            return;
        }

        // Only this database's idle connections: other tests' pools stay.
        ClearPools(connectionString);
        if (Copies.TryUpdate(name, false, true) && await TryEmptyAsync(name))
        {
            // Emptying ended the connections still open on the server: none of them may wait in a pool for the next test.
            ClearPools(connectionString);
            Emptied.Add(name);
            return;
        }

        Copies.TryRemove(name, out _);
        await ExecuteAsync($"""DROP DATABASE IF EXISTS "{name}" WITH (FORCE)""");
    }

    private static readonly ConcurrentBag<string> Emptied = [];

    /// <summary>The pools of the test's connection string and of the app's form of it (<see cref="PostgresSetup"/>).</summary>
    private static void ClearPools(string connectionString)
    {
        NpgsqlConnection.ClearPool(new NpgsqlConnection(connectionString));
        NpgsqlConnection.ClearPool(new NpgsqlConnection(PostgresSetup.ConnectionString(connectionString)));
    }

    /// <summary>The template's copies, and whether each is a test's now (false: emptied, or being emptied).</summary>
    private static readonly ConcurrentDictionary<string, bool> Copies = new();

    private const string EmptyTables = """
        SET lock_timeout = '10s';
        SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid();
        DO $$ BEGIN
            EXECUTE (SELECT 'TRUNCATE ' || string_agg(format('%I.%I', schemaname, tablename), ', ') || ' RESTART IDENTITY CASCADE'
                     FROM pg_tables WHERE schemaname = 'public' AND tablename <> '__EFMigrationsHistory');
        END $$;
        """;

    private static async Task<bool> TryEmptyAsync(string name)
    {
        try
        {
            await using var connection = new NpgsqlConnection(On(name, pooling: false));
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(EmptyTables, connection);
            await command.ExecuteNonQueryAsync();
            return true;
        }
        catch (PostgresException)
        {
            return false;
        }
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
