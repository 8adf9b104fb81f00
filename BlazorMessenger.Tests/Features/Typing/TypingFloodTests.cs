using System.Diagnostics.Metrics;
using BlazorMessenger.LoadTest;
using BlazorMessenger.Realtime;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorMessenger.Tests.Features.Typing;

/// <summary>Typing reports flooded through a real circuit, as a hostile page could send them past the composer's 3 s.</summary>
public sealed class TypingFloodTests : IAsyncLifetime
{
    private readonly MessengerAppFactory _app = new(new Dictionary<string, string>
    {
        ["Messenger:RateLimits:TypingBurst"] = "3",
        ["Messenger:RateLimits:TypingReportsPerMinute"] = "1",
    });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_flood_of_typing_reports_beyond_the_limit_is_dropped()
    {
        var (alice, bob) = (BrowserPeople.NewUserName("alice"), BrowserPeople.NewUserName("bob"));
        var aliceId = await _app.CreateUserAsync(alice);
        var bobId = await _app.CreateUserAsync(bob);
        var added = await _app.Services.GetRequiredService<BlazorMessenger.Features.Contacts.ContactService>().AddAsync(aliceId, bob, Ct);
        Assert.True(await _app.Services.GetRequiredService<BlazorMessenger.Features.Safety.SafetyService>().AcceptAsync(bobId, added.Value!.ConversationId, Ct));
        using var refusals = new MeterRecorder(_app.Services.GetRequiredService<IMeterFactory>());
        using var bobHears = new HubRecorder(_app.Services.GetRequiredService<IMessengerHub>(), bobId);
        var person = new Person(new Uri(_app.BaseUrl + "/"), alice);
        await person.LogInAsync(BrowserPeople.Password, Ct);
        await using var circuit = await person.OpenChatAsync(bob, TimeSpan.FromSeconds(30), Ct);

        await Eventually.TrueAsync(() => circuit.HasComposer, "The composer never connected");
        for (var report = 0; report < 30; report++)
        {
            await circuit.ReportTypingAsync(Ct);
        }

        Assert.Equal(27, refusals.Sum("messenger.rate_limit.refusals", "action", "typing"));
        Assert.Single(bobHears.OfType<TypingChanged>(), t => t.Typists.Count > 0);
        Assert.Null(circuit.Failure);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
