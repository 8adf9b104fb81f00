using BlazorMessenger.Components.Layout;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.JSInterop;
using MudBlazor.Services;

namespace BlazorMessenger.Tests.Components.Layout;

public sealed class ThemeCssTests
{
    [Fact]
    public async Task A_render_that_failed_is_tried_again_by_the_next_page_and_one_that_worked_is_kept()
    {
        await using var services = new ServiceCollection().AddLogging().AddMudServices().AddScoped<IJSRuntime, NoScripts>().BuildServiceProvider();
        var flaky = new FailsOnce(services);
        var css = new ThemeCss(flaky, NullLoggerFactory.Instance);

        await Assert.ThrowsAsync<InvalidOperationException>(() => css.ForAsync(dark: false));
        var light = await css.ForAsync(dark: false);
        var dark = await css.ForAsync(dark: true);

        Assert.Contains("--mud-palette-primary", light.Value);
        Assert.NotEqual(light.Value, dark.Value);
        Assert.Same(css.ForAsync(dark: false), css.ForAsync(dark: false));
    }

    /// <summary>A provider whose first scope cannot be made, as when a render's service fails once.</summary>
    private sealed class FailsOnce(IServiceProvider inner) : IServiceProvider
    {
        private int _calls;

        public object? GetService(Type serviceType) =>
            serviceType == typeof(IServiceScopeFactory) && Interlocked.Increment(ref _calls) == 1
                ? throw new InvalidOperationException("the first render fails")
                : inner.GetService(serviceType);
    }

    /// <summary>Static rendering has no browser: what the theme provider asks of one goes nowhere.</summary>
    private sealed class NoScripts : IJSRuntime
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) => ValueTask.FromResult<TValue>(default!);

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
            ValueTask.FromResult<TValue>(default!);
    }
}
