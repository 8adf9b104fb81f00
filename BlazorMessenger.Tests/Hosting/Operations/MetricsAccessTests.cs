using System.Net;
using BlazorMessenger.Hosting.Operations;

namespace BlazorMessenger.Tests.Hosting.Operations;

public sealed class MetricsAccessTests
{
    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.8.9.10", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("10.1.2.3", true)]
    [InlineData("::ffff:10.1.2.3", true)]
    [InlineData("192.0.2.7", true)]
    [InlineData("192.0.2.8", false)]
    [InlineData("11.0.0.1", false)]
    [InlineData("2001:db8:1::5", true)]
    [InlineData("2001:db9::5", false)]
    [InlineData("203.0.113.70", false)]
    public void Loopback_and_the_configured_addresses_and_networks_may_scrape(string address, bool allowed)
    {
        var access = new MetricsAccess(["10.0.0.0/8", "192.0.2.7", "2001:db8::/32"]);

        Assert.Equal(allowed, access.Allows(IPAddress.Parse(address)));
    }

    [Fact]
    public void Without_configured_addresses_only_loopback_may_scrape_and_an_unknown_address_may_not()
    {
        var access = new MetricsAccess([]);

        Assert.True(access.Allows(IPAddress.Loopback));
        Assert.False(access.Allows(IPAddress.Parse("10.0.0.1")));
        Assert.False(access.Allows(null));
    }
}
