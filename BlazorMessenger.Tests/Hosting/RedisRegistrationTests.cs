using BlazorMessenger.Tests.TestSupport;
using Microsoft.AspNetCore.DataProtection;

namespace BlazorMessenger.Tests.Hosting;

public sealed class RedisRegistrationTests
{
    [Fact]
    public async Task A_cookie_protected_on_one_instance_is_read_on_another_with_its_own_data_directory()
    {
        var settings = RedisEngine.Settings(RedisEngine.NewPrefix());
        await using var a = await TestServices.CreateAsync(settings: settings);
        await using var b = await TestServices.CreateAsync(settings: settings);

        var payload = a.Get<IDataProtectionProvider>().CreateProtector("cookie").Protect("alice's session");

        Assert.Equal("alice's session", b.Get<IDataProtectionProvider>().CreateProtector("cookie").Unprotect(payload));
        Assert.Empty(Directory.EnumerateFileSystemEntries(a.DataDirectory, "*.xml", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Without_Redis_the_keys_stay_in_the_data_directory()
    {
        await using var a = await TestServices.CreateAsync();

        a.Get<IDataProtectionProvider>().CreateProtector("cookie").Protect("alice's session");

        Assert.NotEmpty(Directory.EnumerateFileSystemEntries(a.DataDirectory, "*.xml", SearchOption.AllDirectories));
    }
}
