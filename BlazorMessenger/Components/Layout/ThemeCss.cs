using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace BlazorMessenger.Components.Layout;

/// <summary>
/// The app's MudBlazor theme (its CSS variables, as MudThemeProvider writes them, and the app's own), rendered once per process for each
/// mode and shared by every circuit: a MudThemeProvider builds its 25 KB of CSS in each circuit and keeps it there. A
/// render that failed is tried again by the next page rather than kept; two pages at once may both render it (the same CSS).
/// </summary>
public sealed class ThemeCss(IServiceProvider services, ILoggerFactory logs)
{
    private readonly Task<MarkupString>?[] _rendered = new Task<MarkupString>?[2];

    public Task<MarkupString> ForAsync(bool dark)
    {
        var mode = dark ? 1 : 0;
        var rendered = Volatile.Read(ref _rendered[mode]);
        if (rendered is null || rendered.IsFaulted || rendered.IsCanceled)
        {
            rendered = RenderAsync(services, logs, dark);
            Volatile.Write(ref _rendered[mode], rendered);
        }

        return rendered;
    }

    private static async Task<MarkupString> RenderAsync(IServiceProvider services, ILoggerFactory logs, bool dark)
    {
        await using var scope = services.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, logs);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(MudThemeProvider.Theme)] = MessengerTheme.Theme,
                [nameof(MudThemeProvider.IsDarkMode)] = dark,
                [nameof(MudThemeProvider.ObserveSystemDarkModeChange)] = false,
            });
            return (await renderer.RenderComponentAsync<MudThemeProvider>(parameters)).ToHtmlString();
        });
        return new MarkupString($"{html}<style>{MessengerTheme.Variables(dark)}</style>");
    }
}
