using Microsoft.Playwright;

namespace BlazorMessenger.Tests.TestSupport;

/// <summary>The devices browser tests use: a laptop window, and a phone held upright with a touch screen.</summary>
public sealed record Screen(string Name, int Width, int Height, bool Touch)
{
    public static readonly Screen Desktop = new("desktop", 1440, 900, Touch: false);

    public static readonly Screen Phone = new("phone", 390, 844, Touch: true);

    public BrowserNewContextOptions ContextOptions(string baseUrl) => new()
    {
        BaseURL = baseUrl,
        ViewportSize = new ViewportSize { Width = Width, Height = Height },
        HasTouch = Touch,
        IsMobile = Touch,
    };

    public override string ToString() => Name;
}
