using BlazorMessenger.Hosting;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.AspNetCore.DataProtection;

namespace BlazorMessenger.Tests.Hosting;

public sealed class DataProtectionTests
{
    [Fact]
    public async Task On_postgresql_a_cookie_protected_on_one_instance_is_read_on_another_with_its_own_data_directory()
    {
        var database = await PostgresEngine.CreateDatabaseAsync();
        try
        {
            var settings = new Dictionary<string, string?>
            {
                [TestServices.ProviderKey] = nameof(DatabaseProvider.Postgres),
                [TestServices.ConnectionStringKey] = database,
            };
            await using var a = await TestServices.CreateAsync(settings: settings);
            await using var b = await TestServices.CreateAsync(settings: settings, prepare: false);

            var payload = a.Get<IDataProtectionProvider>().CreateProtector("cookie").Protect("alice's session");

            Assert.Equal("alice's session", b.Get<IDataProtectionProvider>().CreateProtector("cookie").Unprotect(payload));
            Assert.Empty(Directory.EnumerateFileSystemEntries(a.DataDirectory, "*.xml", SearchOption.AllDirectories));
        }
        finally
        {
            await PostgresEngine.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public async Task On_sqlite_the_keys_stay_in_the_data_directory()
    {
        await using var a = await TestServices.CreateAsync(settings: new Dictionary<string, string?> { [TestServices.ProviderKey] = nameof(DatabaseProvider.Sqlite) });

        a.Get<IDataProtectionProvider>().CreateProtector("cookie").Protect("alice's session");

        Assert.NotEmpty(Directory.EnumerateFileSystemEntries(a.DataDirectory, "*.xml", SearchOption.AllDirectories));
    }
}
