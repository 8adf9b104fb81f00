using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace BlazorMessenger.Data.Migrations;

/// <summary>
/// One migrations set per provider, each in its own namespace (Migrations/Sqlite, Migrations/Postgres) of this
/// assembly. EF Core finds migrations by their context type alone, so it would take both sets: this takes the set of
/// the provider in use, for start-up and for `dotnet ef migrations add` alike.
/// </summary>
public sealed class ProviderMigrations : IMigrationsAssembly
{
    private readonly IMigrationsIdGenerator _ids;

    public ProviderMigrations(ICurrentDbContext current, IMigrationsIdGenerator ids)
    {
        _ids = ids;
        var set = $"{typeof(ProviderMigrations).Namespace}.{SetName(current.Context.Database)}";
        var types = Assembly.GetTypes()
            .Where(t => t.Namespace == set && t.GetCustomAttribute<DbContextAttribute>()?.ContextType == current.Context.GetType())
            .ToList();
        Migrations = new SortedList<string, TypeInfo>(
            types.Where(t => t.IsSubclassOf(typeof(Migration)) && t.GetCustomAttribute<MigrationAttribute>() is not null)
                .ToDictionary(t => t.GetCustomAttribute<MigrationAttribute>()!.Id, t => t.GetTypeInfo()),
            StringComparer.Ordinal);
        ModelSnapshot = types.Where(t => t.IsSubclassOf(typeof(ModelSnapshot)))
            .Select(t => (ModelSnapshot)Activator.CreateInstance(t)!).SingleOrDefault();
    }

    /// <summary>The folder (and namespace) of a provider's migrations.</summary>
    public static string SetName(DatabaseFacade database) => database.IsNpgsql() ? "Postgres" : "Sqlite";

    public IReadOnlyDictionary<string, TypeInfo> Migrations { get; }

    public ModelSnapshot? ModelSnapshot { get; }

    public Assembly Assembly => typeof(ProviderMigrations).Assembly;

    public string? FindMigrationId(string nameOrId) => Migrations.Keys.FirstOrDefault(id => _ids.IsValidId(nameOrId)
        ? id == nameOrId
        : string.Equals(_ids.GetName(id), nameOrId, StringComparison.OrdinalIgnoreCase));

    public Migration CreateMigration(TypeInfo migrationClass, string activeProvider)
    {
        var migration = (Migration)Activator.CreateInstance(migrationClass.AsType())!;
        migration.ActiveProvider = activeProvider;
        return migration;
    }
}
