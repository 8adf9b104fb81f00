namespace BlazorMessenger.Components.Layout;

/// <summary>
/// The theme is remembered in a cookie (not local storage) so the server renders the right colours on the
/// first byte, static account pages included, with no flash of the wrong theme.
/// </summary>
public static class ThemePreference
{
    public const string CookieName = "bm-theme";
    public const string CascadeName = "InitialDarkMode";

    public static bool IsDark(string? cookieValue) => cookieValue == "dark";
}
