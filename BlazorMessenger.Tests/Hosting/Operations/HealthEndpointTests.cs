using System.Net;
using System.Text.Json;
using BlazorMessenger.Tests.TestSupport;

namespace BlazorMessenger.Tests.Hosting.Operations;

public sealed class HealthEndpointTests : IAsyncLifetime
{
    private const string Admin = "opsadmin";
    private const string Member = "opsmember";

    private readonly MessengerAppFactory _app = new(new Dictionary<string, string> { ["Messenger:Admins:0"] = Admin });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Live_answers_200_to_anyone_without_signing_in()
    {
        using var local = new FormClient(_app.BaseUrl);
        using var remote = new FormClient(_app.BaseUrl, "203.0.113.60");

        foreach (var client in new[] { local, remote })
        {
            using var live = await client.GetAsync("/health/live");
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
            Assert.Equal("Healthy", await live.Content.ReadAsStringAsync(Ct));
            Assert.Contains("no-cache", live.Headers.CacheControl?.ToString());
        }
    }

    [Fact]
    public async Task Ready_answers_200_with_each_check_for_a_request_from_this_machine()
    {
        using var local = new FormClient(_app.BaseUrl);

        using var ready = await local.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("application/json", ready.Content.Headers.ContentType?.MediaType);
        using var details = JsonDocument.Parse(await ready.Content.ReadAsStringAsync(Ct));
        Assert.Equal("Healthy", details.RootElement.GetProperty("status").GetString());
        var checks = details.RootElement.GetProperty("checks");
        Assert.Equal(["database", "storage", "writer"], checks.EnumerateObject().Select(c => c.Name).Order());
        Assert.All(checks.EnumerateObject(), c => Assert.Equal("Healthy", c.Value.GetProperty("status").GetString()));
        Assert.Contains("MB free", checks.GetProperty("storage").GetProperty("description").GetString());
        Assert.Empty(Directory.EnumerateFiles(_app.DataDirectory, ".health-*"));
    }

    [Fact]
    public async Task Visitors_from_elsewhere_get_only_the_status_word_unless_they_are_signed_in_admins()
    {
        await _app.CreateUserAsync(Admin);
        await _app.CreateUserAsync(Member);
        using var anonymous = new FormClient(_app.BaseUrl, "203.0.113.61");
        using var member = new FormClient(_app.BaseUrl, "203.0.113.62");
        using var admin = new FormClient(_app.BaseUrl, "203.0.113.63");
        await member.LogInAsync(Member, BrowserPeople.Password);
        await admin.LogInAsync(Admin, BrowserPeople.Password);

        foreach (var visitor in new[] { anonymous, member })
        {
            using var word = await visitor.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.OK, word.StatusCode);
            Assert.Equal("text/plain", word.Content.Headers.ContentType?.MediaType);
            Assert.Equal("Healthy", await word.Content.ReadAsStringAsync(Ct));
        }

        using var details = await admin.GetAsync("/health/ready");
        Assert.Equal("application/json", details.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"checks\"", await details.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Ready_is_503_when_the_disk_is_below_the_minimum()
    {
        // A petabyte: more than any test machine has free.
        await using var full = new MessengerAppFactory(new Dictionary<string, string> { ["Messenger:MinFreeDiskMb"] = "1000000000" });
        using var local = new FormClient(full.BaseUrl);
        using var remote = new FormClient(full.BaseUrl, "203.0.113.64");

        using var ready = await local.GetAsync("/health/ready");
        using var word = await remote.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        using var details = JsonDocument.Parse(await ready.Content.ReadAsStringAsync(Ct));
        var storage = details.RootElement.GetProperty("checks").GetProperty("storage");
        Assert.Equal("Unhealthy", storage.GetProperty("status").GetString());
        Assert.Contains("below the minimum of 1000000000 MB", storage.GetProperty("description").GetString());
        Assert.Equal("Healthy", details.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, word.StatusCode);
        Assert.Equal("Unhealthy", await word.Content.ReadAsStringAsync(Ct));
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
