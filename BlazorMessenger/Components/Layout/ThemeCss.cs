using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace BlazorMessenger.Components.Layout;

/// <summary>
/// The app's MudBlazor theme (its CSS variables, as MudThemeProvider writes them), rendered once per process for each
/// mode and shared by every circuit: a MudThemeProvider builds its 25 KB of CSS in each circuit and keeps it there.
/// </summary>
public sealed class ThemeCss(IServiceProvider services, ILoggerFactory logs)
{
    private readonly Lazy<Task<MarkupString>> _light = new(() => RenderAsync(services, logs, dark: false));
    private readonly Lazy<Task<MarkupString>> _dark = new(() => RenderAsync(services, logs, dark: true));

    public Task<MarkupString> ForAsync(bool dark) => (dark ? _dark : _light).Value;

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
        return new MarkupString(html);
    }
}
