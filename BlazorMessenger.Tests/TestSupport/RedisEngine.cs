namespace BlazorMessenger.Tests.TestSupport;

/// <summary>
/// The Redis the tests share: MESSENGER_TEST_REDIS names a throwaway server (./test.sh starts one). Each test takes its
/// own prefix for keys and channels, so tests never see each other's.
/// </summary>
public static class RedisEngine
{
    public static string Address
    {
        get
        {
            var address = Environment.GetEnvironmentVariable("MESSENGER_TEST_REDIS");
            if (string.IsNullOrWhiteSpace(address))
            {
                Assert.Fail("MESSENGER_TEST_REDIS is not set: run ./test.sh, which starts a throwaway redis-server (apt-get install redis-server)");
            }

            return address;
        }
    }

    /// <summary>Settings of one app instance on this Redis (or another address), under the given prefix.</summary>
    public static Dictionary<string, string?> Settings(string prefix, string? address = null, IReadOnlyDictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Messenger:Redis"] = address ?? Address,
            ["Messenger:RedisPrefix"] = prefix,
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    public static string NewPrefix() => $"test-{Guid.NewGuid():N}:";
}
