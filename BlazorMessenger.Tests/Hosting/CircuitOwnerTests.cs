using BlazorMessenger.Features.Chat;
using BlazorMessenger.LoadTest;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorMessenger.Tests.Hosting;

/// <summary>
/// A circuit runs only as the person its page was rendered for: the component markers of one person's page (or of a
/// signed-out page), replayed with another person's cookie, start no circuit that reads or sends anything. Driven by the
/// headless load client, which speaks the circuit protocol as blazor.web.js does and sends no Origin.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CircuitOwnerTests(BrowserFixture browser)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("another person's page")]
    [InlineData("a signed-out page")]
    public async Task Markers_of_a_page_rendered_for_someone_else_start_no_circuit_under_the_victims_cookie(string source)
    {
        var (alice, bob, _, conversationId) = await browser.ChatPairAsync();
        var secret = $"Only for alice {Guid.NewGuid():N}";
        Assert.True((await browser.App.Services.GetRequiredService<ChatService>()
            .SendAsync(await browser.IdOfAsync(bob), conversationId, Guid.NewGuid(), secret, ct: Ct)).Succeeded);
        var baseUri = new Uri(browser.BaseUrl.TrimEnd('/') + "/");
        var victim = new Person(baseUri, alice);
        await victim.LogInAsync(BrowserPeople.Password, Ct);
        var attacker = new Person(baseUri, BrowserPeople.NewUserName("mallory"));
        if (source == "another person's page")
        {
            await browser.CreateAsync(attacker.UserName);
            await attacker.LogInAsync(BrowserPeople.Password, Ct);
        }

        // Conversation ids are sequential: the attacker's page names the victim's as its composer's.
        var markers = await attacker.FetchAsync(source == "a signed-out page" ? "no-such-page" : "", Ct)
            + $"<div class=\"bm-composer-area\" data-conversation=\"{conversationId}\"></div>";
        Assert.NotEmpty(PrerenderedPage.Parse(markers).ServerComponents);
        var before = await browser.StoredMessagesAsync(alice, bob);
        var errors = browser.App.Errors.All.Count;

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await using var circuit = await ChatCircuit.StartAsync(new Uri(baseUri, $"chat/{bob}"), markers, victim.Cookies, Timeout, Ct);
            await circuit.SendAsync("Sent as alice by someone else", Ct);
        });

        // The page hears either the circuit's error or, when the server's close overtakes it, the close; the server says why.
        Assert.True(refused.Message.Contains("rendered for another sign-in") || refused.Message.Contains("connection closed"), refused.Message);
        await Eventually.TrueAsync(() => browser.App.Errors.All.Skip(errors).Any(e => e.Contains("rendered for another sign-in", StringComparison.Ordinal)),
            "The server's refusal of the circuit");
        Assert.Equal(before.Select(m => m.Id), (await browser.StoredMessagesAsync(alice, bob)).Select(m => m.Id));
        Assert.Contains(secret, before.Select(m => m.Body));
    }

    [Fact]
    public async Task The_persons_own_page_starts_its_circuit()
    {
        var (alice, bob) = await browser.PairAsync();
        var person = new Person(new Uri(browser.BaseUrl.TrimEnd('/') + "/"), alice);
        await person.LogInAsync(BrowserPeople.Password, Ct);

        await using var circuit = await person.OpenChatAsync(bob, Timeout, Ct);

        Assert.True(await circuit.SendAsync("From alice's own page", Ct));
        Assert.Null(circuit.Failure);
        Assert.Equal("From alice's own page", (await browser.StoredMessagesAsync(alice, bob))[^1].Body);
    }
}
