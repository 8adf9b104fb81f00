using System.Diagnostics.Metrics;
using System.Net;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Contacts;
using BlazorMessenger.Features.Media;
using BlazorMessenger.Hosting.Operations;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorMessenger.Tests.Hosting.Operations;

/// <summary>
/// A meter provider reads every meter of its name in the process, other apps' too: the tests whose app reads the meters
/// run one at a time. (Counts can still include other tests' work, so they are checked for more than zero.)
/// </summary>
[Collection(TelemetryTests)]
public sealed class MetricsEndpointTests
{
    public const string TelemetryTests = "Telemetry";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Metrics_is_404_and_the_app_instruments_stay_off_unless_enabled()
    {
        await using var app = new MessengerAppFactory();
        using var local = new FormClient(app.BaseUrl);

        using var metrics = await local.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, metrics.StatusCode);
        Assert.All(InstrumentsOf(app), instrument => Assert.False(instrument.Enabled, $"{instrument.Name} is being recorded."));
    }

    [Fact]
    public async Task Enabled_metrics_answer_loopback_and_allowed_networks_with_the_messenger_metrics_and_others_get_404()
    {
        await using var app = new MessengerAppFactory(new Dictionary<string, string>
        {
            ["Messenger:Metrics:Enabled"] = "true",
            ["Messenger:Metrics:AllowedAddresses:0"] = "10.0.0.0/8",
            ["Messenger:RateLimits:ContactAddBurst"] = "1",
        });
        await SendUploadAndGetRefusedAsync(app);
        using var local = new FormClient(app.BaseUrl);
        using var allowed = new FormClient(app.BaseUrl, "10.20.30.40");
        using var outsider = new FormClient(app.BaseUrl, "203.0.113.70");
        using var page = await local.GetAsync("/Account/Login");

        using var scrape = await local.GetAsync("/metrics");
        using var fromAllowed = await allowed.GetAsync("/metrics");
        using var fromOutsider = await outsider.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        var text = await scrape.Content.ReadAsStringAsync(Ct);
        Assert.Contains("messenger_people_online", text);
        Assert.Matches("""messenger_messages_stored_total\{[^}]*kind="text"[^}]*\} [1-9]""", text);
        Assert.Contains("messenger_writer_batch_size_bucket", text);
        Assert.Contains("messenger_writer_commit_duration_milliseconds_bucket", text);
        Assert.Contains("messenger_writer_handoff_duration_milliseconds_bucket", text);
        Assert.Matches("""messenger_uploads_size_bytes_total\{[^}]*kind="image"[^}]*\} [1-9]""", text);
        Assert.Matches("""messenger_rate_limit_refusals_total\{[^}]*action="add_contact"[^}]*\} [1-9]""", text);
        Assert.Contains("dotnet_process_memory_working_set_bytes", text);
        Assert.Contains("service_name=\"BlazorMessenger\"", text);
        var requests = text.Split('\n').Where(line => line.StartsWith("http_server_request_duration_seconds_count", StringComparison.Ordinal)).ToList();
        Assert.Contains(requests, line => line.Contains("http_route=\"/Account/Login\"", StringComparison.Ordinal));
        Assert.DoesNotContain(requests, line => line.Contains("/metrics", StringComparison.Ordinal) || line.Contains("/health", StringComparison.Ordinal));
        Assert.All(InstrumentsOf(app), instrument => Assert.True(instrument.Enabled, $"{instrument.Name} is not recorded."));
        Assert.Equal(HttpStatusCode.OK, fromAllowed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, fromOutsider.StatusCode);
        Assert.DoesNotContain("messenger_", await fromOutsider.Content.ReadAsStringAsync(Ct));
    }

    /// <summary>Alice sends bob a message and stores a picture; her second contact is one more than the limit allows.</summary>
    private static async Task SendUploadAndGetRefusedAsync(MessengerAppFactory app)
    {
        var alice = await app.CreateUserAsync("alice");
        await app.CreateUserAsync("bob");
        await app.CreateUserAsync("carol");
        var contacts = app.Services.GetRequiredService<ContactService>();
        var conversation = (await contacts.AddAsync(alice, "bob", Ct)).Value!.ConversationId;
        Assert.True((await app.Services.GetRequiredService<ChatService>().SendAsync(alice, conversation, Guid.NewGuid(), "hello", ct: Ct)).Succeeded);
        Assert.True((await app.Services.GetRequiredService<Pictures>().SaveAsync(alice, TestImages.Png(), Ct)).Succeeded);
        Assert.False((await contacts.AddAsync(alice, "carol", Ct)).Succeeded);
    }

    /// <summary>The app's own instruments, as a listener sees them published (this one enables none).</summary>
    private static List<Instrument> InstrumentsOf(MessengerAppFactory app)
    {
        var meters = app.Services.GetRequiredService<IMeterFactory>();
        var instruments = new List<Instrument>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Scope == meters && instrument.Meter.Name == MessengerMetrics.MeterName)
                {
                    instruments.Add(instrument);
                }
            },
        };
        listener.Start();
        Assert.NotEmpty(instruments);
        return instruments;
    }
}
