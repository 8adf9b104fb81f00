using BlazorMessenger.Features.Accounts.Sessions;
using BlazorMessenger.Features.Push;
using BlazorMessenger.Tests.TestSupport;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorMessenger.Tests.Features.Push;

/// <summary>Settings' list of the browsers that get one's notifications, over the real subscriptions service.</summary>
public sealed class PushDevicesTests : MudTestContext, IAsyncLifetime
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private ChatTestBed _bed = default!;
    private PushService _push = default!;

    public async ValueTask InitializeAsync()
    {
        _push = await PushService.StartAsync();
        _bed = await ChatTestBed.CreateAsync(PushTesting.Settings);
        Services.AddSingleton(_bed.Services.Get<PushSubscriptions>());
        Services.AddSingleton(_bed.Services.Get<TimeProvider>());
    }

    [Fact]
    public async Task Each_subscribed_browser_is_listed_with_this_one_marked_and_Remove_takes_one_off_for_good()
    {
        var (_, laptop) = await _bed.Services.SubscribedAsync(_push, _bed.Bob);
        await _bed.Services.SubscribedAsync(_push, _bed.Bob);
        await _bed.Services.SubscribedAsync(_push, _bed.Alice);

        var cut = Render<PushDevices>(p => p.Add(d => d.UserId, _bed.Bob).Add(d => d.ThisEndpoint, laptop.Endpoint));

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("li").Count));
        Assert.Single(cut.FindAll("li"), li => li.TextContent.Contains("Chrome on Linux (this browser)", StringComparison.Ordinal));
        Assert.All(cut.FindAll("li"), li => Assert.Contains("not notified yet", li.TextContent, StringComparison.Ordinal));

        cut.FindAll("li").Single(li => !li.TextContent.Contains("this browser", StringComparison.Ordinal)).QuerySelector("button")!.Click();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("li")));
        Assert.True(Assert.Single(await _bed.Services.Get<PushSubscriptions>().ListAsync(_bed.Bob, laptop.Endpoint, Ct)).ThisBrowser);
        Assert.Contains("no longer gets notifications", Services.GetRequiredService<MudBlazor.ISnackbar>().ShownSnackbars.Single().Message, StringComparison.Ordinal);
    }

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        await base.DisposeAsync();
        await _bed.DisposeAsync();
        await _push.DisposeAsync();
    }
}
