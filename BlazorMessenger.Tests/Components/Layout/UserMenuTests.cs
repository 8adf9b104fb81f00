using BlazorMessenger.Components.Layout;
using BlazorMessenger.Tests.TestSupport;
using Bunit;

namespace BlazorMessenger.Tests.Components.Layout;

public sealed class UserMenuTests : MudTestContext
{
    [Fact]
    public void A_signed_in_user_sees_their_name_on_the_menu_button()
    {
        AddAuthorization().SetAuthorized("alice");

        var cut = Render<UserMenu>();

        var button = cut.Find("button[aria-label='Account menu for alice']");
        Assert.Contains("alice", button.TextContent);
    }

    [Fact]
    public void An_anonymous_visitor_gets_no_menu()
    {
        AddAuthorization();

        var cut = Render<UserMenu>();

        Assert.Empty(cut.FindAll("button"));
    }
}
