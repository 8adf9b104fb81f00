using BlazorMessenger.Benchmarks;
using BlazorMessenger.Hosting;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlazorMessenger.Tests.Browser;

/// <summary>
/// cluster/run.sh's cluster: two instances of this build on PostgreSQL and Redis behind nginx, alice on the first and
/// bob (through nginx) on the second.
/// </summary>
[Collection(ThirdBrowserCollection.Name)]
public sealed class ClusterFlowTests(BrowserFixture browser)
{
    [Fact]
    public async Task People_on_two_instances_chat_live_see_each_other_online_and_a_killed_instance_moves_its_pages_losing_nothing()
    {
        await using var cluster = await Cluster.StartAsync();
        await BrowserPeople.StorePairAsync(new Dictionary<string, string?>
        {
            [TestServices.ProviderKey] = nameof(DatabaseProvider.Postgres),
            [TestServices.ConnectionStringKey] = cluster.PostgresConnectionString,
        });
        await using var alice = await browser.LoggedInAsync("alice", "/chat/bob", cluster.InstanceUrls[0]);
        await using var bob = await browser.NewSessionAsync(cluster.ProxyUrl);
        await bob.Context.AddCookiesAsync([new Cookie { Name = "bm_affinity", Value = await cluster.AffinityForAsync(2), Url = cluster.ProxyUrl }]);
        await bob.LogInAsync("bob", BrowserPeople.Password);
        await bob.ExpectInAppAsAsync("bob");
        await bob.Page.GotoAsync("/chat/alice");
        await bob.WaitForInteractiveAsync();
        var (a, b) = (alice.Page, bob.Page);

        await Expect(a.GetByTestId("presence-status")).ToHaveTextAsync("online");
        await Expect(b.GetByTestId("presence-status")).ToHaveTextAsync("online");
        await a.TypeAndSendAsync("from the first instance");
        await Expect(b.StoredBodies()).ToHaveTextAsync(["from the first instance"]);
        await b.TypeAndSendAsync("from the second instance");
        await Expect(a.StoredBodies()).ToHaveTextAsync(["from the first instance", "from the second instance"]);

        await cluster.KillAsync(2);
        await a.TypeAndSendAsync("while bob's instance was down");
        await b.TypeAndSendAsync("typed while my instance was down");

        // nginx sends bob's reconnect to the first instance, which has no circuit of his: the page reloads there.
        string[] all = ["from the first instance", "from the second instance", "while bob's instance was down", "typed while my instance was down"];
        await Expect(b.StoredBodies()).ToHaveTextAsync(all, new() { Timeout = 30_000 });
        await Expect(a.StoredBodies()).ToHaveTextAsync(all);
        await Expect(b.Pending()).ToHaveCountAsync(0);
        await Expect(a.GetByTestId("presence-status")).ToHaveTextAsync("online", new() { Timeout = 30_000 });
    }

}
