using BlazorMessenger.Components.Layout;
using BlazorMessenger.Tests.TestSupport;
using Bunit;

namespace BlazorMessenger.Tests.Components.Layout;

public sealed class ThemeToggleTests : MudTestContext
{
    [Theory]
    [InlineData(false, "dark", "Switch to dark mode")]
    [InlineData(true, "light", "Switch to light mode")]
    public void Clicking_saves_the_other_theme_and_reports_it(bool darkMode, string saved, string label)
    {
        bool? reported = null;
        var cut = Render<ThemeToggle>(parameters => parameters
            .Add(p => p.DarkMode, darkMode)
            .Add(p => p.DarkModeChanged, value => reported = value));

        cut.Find($"button[aria-label='{label}']").Click();

        Assert.Equal(!darkMode, reported);
        var call = JSInterop.VerifyInvoke("bmTheme.save");
        Assert.Equal(saved, call.Arguments.Single());
    }

    [Fact]
    public void The_cookie_value_dark_and_nothing_else_means_dark()
    {
        Assert.True(ThemePreference.IsDark("dark"));
        Assert.False(ThemePreference.IsDark("light"));
        Assert.False(ThemePreference.IsDark(null));
        Assert.False(ThemePreference.IsDark("<script>"));
    }
}
