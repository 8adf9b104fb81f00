using System.Security.Claims;
using BlazorMessenger.Features.Accounts;
using BlazorMessenger.Features.Contacts;
using BlazorMessenger.Realtime;
using BlazorMessenger.Tests.TestSupport;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorMessenger.Tests.Features.Contacts;

public sealed class ContactsPageTests : ChatComponentContext
{
    [Fact]
    public async Task A_contact_added_elsewhere_appears_live_and_disposing_ends_the_subscription()
    {
        var hub = (InProcessMessengerHub)Bed.Hub;
        AddAuthorization().SetAuthorized("alice").SetClaims(new Claim(ClaimTypes.NameIdentifier, Bed.Alice));
        Services.AddScoped<CurrentUser>();
        var cut = Render<ContactsPage>();
        cut.WaitForAssertion(() => Assert.Equal(1, hub.SubscriptionCount(Bed.Alice)));
        Assert.DoesNotContain("carol", cut.Markup);

        var added = await Task.Run(() => Bed.Services.Get<ContactService>().AddAsync(Bed.Alice, "carol"), Xunit.TestContext.Current.CancellationToken);

        Assert.True(added.Succeeded, added.Error);
        cut.WaitForAssertion(() => Assert.Contains("Remove carol", cut.Markup));
        await DisposeComponentsAsync();
        Assert.Equal(0, hub.SubscriptionCount(Bed.Alice));
    }
}
