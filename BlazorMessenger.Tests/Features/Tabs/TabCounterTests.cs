using System.Security.Claims;
using BlazorMessenger.Features.Accounts;
using BlazorMessenger.Features.Tabs;
using BlazorMessenger.Realtime;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;

namespace BlazorMessenger.Tests.Features.Tabs;

public sealed class TabCounterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Each_person_opens_up_to_the_limit_and_a_closed_tab_makes_room_again()
    {
        var counter = Counter(maxPerUser: 2);

        Assert.True(counter.TryOpen("alice"));
        Assert.True(counter.TryOpen("alice"));
        Assert.False(counter.TryOpen("alice"));
        Assert.True(counter.TryOpen("bob"));
        Assert.Equal(2, counter.OpenFor("alice"));

        counter.Close("alice");

        Assert.Equal(1, counter.OpenFor("alice"));
        Assert.True(counter.TryOpen("alice"));
        Assert.Equal(1, counter.OpenFor("bob"));
    }

    [Fact]
    public async Task A_circuit_over_the_limit_is_refused_counts_for_nothing_and_the_others_count_until_they_close()
    {
        var counter = Counter(maxPerUser: 2);
        var tabs = Enumerable.Range(0, 3).Select(_ => (Admission: new TabAdmission(), Handler: (TabCircuitHandler?)null)).ToList();
        for (var i = 0; i < tabs.Count; i++)
        {
            var admission = tabs[i].Admission;
            var handler = new TabCircuitHandler(counter, admission, new CurrentUser(new SignedIn("alice")));
            tabs[i] = (admission, handler);
            await handler.OnCircuitOpenedAsync(null!, Ct);
        }

        Assert.Equal([null, null, 2], tabs.Select(t => t.Admission.RefusedOver));
        Assert.Equal(2, counter.OpenFor("alice"));

        await tabs[2].Handler!.OnCircuitClosedAsync(null!, Ct);
        Assert.Equal(2, counter.OpenFor("alice"));
        await tabs[0].Handler!.OnCircuitClosedAsync(null!, Ct);
        await tabs[0].Handler!.OnCircuitClosedAsync(null!, Ct);
        Assert.Equal(1, counter.OpenFor("alice"));
    }

    [Fact]
    public async Task A_signed_out_circuit_is_neither_counted_nor_refused()
    {
        var counter = Counter(maxPerUser: 0);
        var admission = new TabAdmission();

        await new TabCircuitHandler(counter, admission, new CurrentUser(new SignedIn(null))).OnCircuitOpenedAsync(null!, Ct);

        Assert.Null(admission.RefusedOver);
    }

    private static TabCounter Counter(int maxPerUser) =>
        new(Options.Create(new CircuitLimitOptions { MaxPerUser = maxPerUser }));

    private sealed class SignedIn(string? userId) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(
            userId is null ? new ClaimsPrincipal(new ClaimsIdentity()) : new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId)], "test"))));
    }
}
