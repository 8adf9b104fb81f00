using MudBlazor;

namespace BlazorMessenger.Components.Layout;

public static class MessengerTheme
{
    // System fonts: nothing is fetched from another host.
    private static readonly string[] FontStack =
        ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"];

    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#2f6fde",
            Secondary = "#00897b",
            AppbarBackground = "#2f6fde",
            Background = "#f4f6fa",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#7aa7ff",
            Secondary = "#4db6ac",
            AppbarBackground = "#1f2430",
            Background = "#15181f",
            Surface = "#1f2430",
            DrawerBackground = "#1a1e27",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = FontStack },
        },
    };
}
