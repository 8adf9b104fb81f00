using MudBlazor;

namespace BlazorMessenger.Components.Layout;

public static class MessengerTheme
{
    /// <summary>The app bars' colours, also the installed app's title bar (theme-color; the manifest has the light one).</summary>
    public const string LightAppBar = "#2a63c8";

    public const string DarkAppBar = "#1f2430";

    // System fonts, led by the app's own colour emoji (wwwroot/css/emoji.css, emoji code points only): nothing is fetched
    // from another host, and emoji look the same on every machine.
    private static readonly string[] FontStack =
        ["BM Text Emoji", "system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"];

    // Every text colour keeps at least 4.5:1 against the surfaces it sits on (WCAG AA): the dark theme's light blue
    // carries dark text, and muted text is a solid grey rather than a translucent black or white.
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#2a63c8",
            Secondary = "#00796b",
            // Block, report and delete buttons: red text on white and white text on red both at 5.6:1.
            Error = "#c62828",
            AppbarBackground = LightAppBar,
            Background = "#f4f6fa",
            TextSecondary = "#5a6270",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#7aa7ff",
            PrimaryContrastText = "#0b1a33",
            Secondary = "#4db6ac",
            Error = "#ff8a80",
            ErrorContrastText = "#2b0a0a",
            // Opaque: a colour font's glyphs take the text colour's alpha, and MudBlazor's translucent white (70 %) left
            // every emoji washed out.
            TextPrimary = "#e4e7ec",
            AppbarText = "#e4e7ec",
            DrawerText = "#e4e7ec",
            TextSecondary = "#aab2c0",
            AppbarBackground = DarkAppBar,
            Background = "#15181f",
            Surface = "#1f2430",
            DrawerBackground = "#1a1e27",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = FontStack },
        },
    };

    /// <summary>
    /// The app's own variables beside the palette's, per mode. --bm-mine-tint lays a quote, a file card, a code span or a
    /// mention on one's own (primary) bubble: it moves the bubble away from its text, never toward it, so what sits on a
    /// tint reads at least as well as the bubble's own text (light: white on a darker blue, 7:1; dark: dark on a lighter
    /// blue, 9:1).
    /// </summary>
    public static string Variables(bool dark) =>
        $":root {{ --bm-mine-tint: {(dark ? "rgba(255, 255, 255, 0.25)" : "rgba(0, 0, 0, 0.15)")}; }}";
}
