using Xunit.v3;

namespace BlazorMessenger.Tests.TestSupport;

/// <summary>
/// Service tests that hold for either database: test.sh runs them on SQLite with everything else, then again on
/// PostgreSQL (<see cref="PostgresEngine"/>), selected by this trait (Storage=Both).
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class BothDatabasesAttribute : Attribute, ITraitAttribute
{
    public const string Filter = "Storage=Both";

    public IReadOnlyCollection<KeyValuePair<string, string>> GetTraits() => [new("Storage", "Both")];
}
