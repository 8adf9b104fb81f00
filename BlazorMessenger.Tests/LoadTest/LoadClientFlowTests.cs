using BlazorMessenger.LoadTest;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlazorMessenger.Tests.LoadTest;

/// <summary>
/// The headless load client (BlazorMessenger.LoadTest) against the real app on its Kestrel port: a smoke of a few
/// circuits, correctness only, and the same messages seen in a real Chromium tab both ways.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LoadClientFlowTests(BrowserFixture browser)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Headless_circuits_open_their_chats_and_each_message_reaches_the_peers_open_chat()
    {
        var ct = TestContext.Current.CancellationToken;
        var circuits = new List<ChatCircuit>();
        try
        {
            for (var pair = 0; pair < 3; pair++)
            {
                var (alice, bob) = await browser.PairAsync();
                circuits.Add(await OpenAsync(alice, bob));
                circuits.Add(await OpenAsync(bob, alice));
            }

            for (var i = 0; i < circuits.Count; i++)
            {
                var (sender, peer) = (circuits[i], circuits[i ^ 1]);
                var text = $"load smoke {i} {Guid.NewGuid():N}";
                var arrived = peer.ExpectAsync(text, ct);
                var echoed = sender.ExpectAsync(text, ct);
                Assert.True(await sender.SendAsync(text, ct).WaitAsync(Timeout, ct));
                await arrived.WaitAsync(Timeout, ct);
                await echoed.WaitAsync(Timeout, ct);
            }

            Assert.All(circuits, c => Assert.Null(c.Failure));
        }
        finally
        {
            foreach (var circuit in circuits)
            {
                await circuit.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_message_from_the_load_client_shows_in_a_browser_tab_and_one_typed_in_the_tab_reaches_the_load_client()
    {
        var ct = TestContext.Current.CancellationToken;
        var (alice, bob) = await browser.PairAsync();
        await using var headless = await OpenAsync(alice, bob);
        await using var tab = await browser.LoggedInAsync(bob, $"/chat/{alice}");

        Assert.True(await headless.SendAsync("Sent by the load client", ct).WaitAsync(Timeout, ct));
        await Expect(tab.Page.MessageLog()).ToContainTextAsync("Sent by the load client");

        var arrived = headless.ExpectAsync("Typed in Chromium", ct);
        await tab.Page.TypeAndSendAsync("Typed in Chromium");
        await arrived.WaitAsync(Timeout, ct);
        // The headless page in view reports what it rendered as seen, as the log's script does: the tab shows it read.
        await Expect(tab.Page.MessageLog().GetByRole(AriaRole.Img, new() { Name = "Read", Exact = true })).ToHaveCountAsync(1);
        Assert.Null(headless.Failure);
    }

    private async Task<ChatCircuit> OpenAsync(string userName, string peer)
    {
        var person = new Person(new Uri(browser.BaseUrl.TrimEnd('/') + "/"), userName);
        await person.LogInAsync(BrowserPeople.Password, TestContext.Current.CancellationToken);
        return await person.OpenChatAsync(peer, Timeout, TestContext.Current.CancellationToken);
    }
}
