using BlazorMessenger.Features.Groups;
using BlazorMessenger.Realtime;
using BlazorMessenger.Tests.TestSupport;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using static BlazorMessenger.Tests.TestSupport.GroupTestBed;

namespace BlazorMessenger.Tests.Features.Groups;

public sealed class GroupInfoDialogTests : MudTestContext, IAsyncLifetime
{
    private GroupTestBed _bed = default!;

    public async ValueTask InitializeAsync()
    {
        _bed = await CreateAsync();
        ChatComponentContext.Share(Services, _bed.Services);
    }

    [Fact]
    public async Task The_owner_sees_every_members_role_and_the_actions_the_service_allows()
    {
        var cut = await ShowAsync(_bed.Olive);

        Assert.Equal(["olive", "adam", "mia"], Members(cut).Select(m => m.UserName));
        Assert.Equal(["Owner", "Admin"], cut.FindAll(".bm-role").Select(r => r.TextContent));
        Assert.NotNull(Button(cut, "Remove mia"));
        Assert.NotNull(Button(cut, "Remove adam"));
        Assert.NotNull(Button(cut, "Make admin: mia"));
        Assert.NotNull(Button(cut, "Dismiss as admin: adam"));
        Assert.Null(Button(cut, "Remove olive"));
        Assert.Contains("Rename", cut.Markup);
        Assert.Contains("Leave group", cut.Markup);
    }

    [Fact]
    public async Task A_member_sees_the_members_and_roles_but_no_admin_action()
    {
        var cut = await ShowAsync(_bed.Mia);

        Assert.Equal(3, Members(cut).Count);
        Assert.Null(Button(cut, "Remove adam"));
        Assert.Null(Button(cut, "Make admin: mia"));
        Assert.DoesNotContain("Rename", cut.Markup);
        Assert.Contains("Leave group", cut.Markup);
    }

    [Fact]
    public async Task Removing_asks_first_and_every_change_shows_live_until_the_dialog_is_closed()
    {
        var hub = (InProcessMessengerHub)_bed.Hub;
        var before = hub.SubscriptionCount(_bed.Olive);
        var cut = await ShowAsync(_bed.Olive);
        cut.WaitForAssertion(() => Assert.Equal(before + 1, hub.SubscriptionCount(_bed.Olive)));

        Button(cut, "Remove mia")!.Click();
        cut.WaitForAssertion(() => Assert.Contains("Remove mia from the group?", cut.Markup));
        cut.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Remove").Click();
        cut.WaitForAssertion(() => Assert.Equal(["olive", "adam"], Members(cut).Select(m => m.UserName)));

        Ok(await _bed.Groups.RenameAsync(_bed.Adam, _bed.GroupId, "Trip to Oslo", Ct));
        cut.WaitForAssertion(() => Assert.Contains("Trip to Oslo", cut.Find("h2").TextContent));

        await DisposeComponentsAsync();
        Assert.Equal(before, hub.SubscriptionCount(_bed.Olive));
    }

    private async Task<IRenderedComponent<IComponent>> ShowAsync(string userId)
    {
        var cut = Render(b =>
        {
            b.OpenComponent<MudPopoverProvider>(0);
            b.CloseComponent();
            b.OpenComponent<MudDialogProvider>(1);
            b.CloseComponent();
        });
        var dialogs = Services.GetRequiredService<IDialogService>();
        await cut.InvokeAsync(() => dialogs.ShowAsync<GroupInfoDialog>("Group info", new DialogParameters<GroupInfoDialog>
        {
            { d => d.GroupId, _bed.GroupId },
            { d => d.UserId, userId },
        }));
        cut.WaitForAssertion(() => Assert.NotEmpty(Members(cut)));
        return cut;
    }

    private static List<(string UserName, string Text)> Members(IRenderedComponent<IComponent> cut) =>
        cut.FindAll(".bm-member-row").Select(r => (r.QuerySelector(".bm-handle")!.TextContent.TrimStart('@'), r.TextContent)).ToList();

    /// <summary>A button by its accessible name: its aria-label, else its text.</summary>
    private static AngleSharp.Dom.IElement? Button(IRenderedComponent<IComponent> cut, string name) =>
        cut.FindAll("button").FirstOrDefault(b => (b.GetAttribute("aria-label") ?? b.TextContent.Trim()) == name);

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        await base.DisposeAsync();
        await _bed.DisposeAsync();
    }
}
