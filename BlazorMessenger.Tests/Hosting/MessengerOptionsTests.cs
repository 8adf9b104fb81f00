using BlazorMessenger.Features.Chat.Writer;
using BlazorMessenger.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BlazorMessenger.Tests.Hosting;

public sealed class MessengerOptionsTests
{
    [Theory]
    [InlineData("Messenger:Writer:SendTimeoutSeconds", "0.5")]
    [InlineData("Messenger:Writer:MaxQueue", "0")]
    [InlineData("Messenger:Database:Provider", "Postgres")]
    [InlineData("Messenger:Redis", "localhost:6379,nonsense=1")]
    [InlineData("Messenger:RedisPrefix", " ")]
    [InlineData("Messenger:PresenceHeartbeatSeconds", "0")]
    [InlineData("Messenger:PresenceExpirySeconds", "40")]
    [InlineData("Messenger:Push:VapidSubject", "ops@example.com")]
    [InlineData("Messenger:Push:VapidPublicKey", "BNc")]
    public async Task A_setting_that_cannot_work_stops_the_start_and_names_its_key(string key, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();
        await using var services = new ServiceCollection().AddLogging().AddMessengerBackend(configuration).BuildServiceProvider();

        // What the host runs before it starts: every section registered with ValidateOnStart.
        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(key, error.Message);
    }

    [Fact]
    public async Task The_defaults_are_valid()
    {
        var configuration = new ConfigurationBuilder().Build();
        await using var services = new ServiceCollection().AddLogging().AddMessengerBackend(configuration).BuildServiceProvider();

        services.GetRequiredService<IStartupValidator>().Validate();
        Assert.Equal(10, services.GetRequiredService<IOptions<WriterOptions>>().Value.SendTimeoutSeconds);
    }
}
