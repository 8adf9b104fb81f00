using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.JSInterop;

namespace BlazorMessenger.Components.Layout;

/// <summary>
/// The page this circuit showed before the current one. "Back to conversations" goes back through the browser's history
/// when that page was the list, so the button and the browser's Back agree; otherwise it opens the list.
/// </summary>
public sealed class VisitedPages : IDisposable
{
    private readonly NavigationManager _navigation;
    private string _current;
    private string? _previous;

    public VisitedPages(NavigationManager navigation)
    {
        _navigation = navigation;
        _current = PathOf(navigation, navigation.Uri);
        navigation.LocationChanged += OnLocationChanged;
    }

    public async Task BackToConversationsAsync(IJSRuntime js)
    {
        if (_previous == "")
        {
            await js.InvokeVoidAsync("history.back");
        }
        else
        {
            _navigation.NavigateTo("", replace: true);
        }
    }

    public void Dispose() => _navigation.LocationChanged -= OnLocationChanged;

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e)
    {
        var path = PathOf(_navigation, e.Location);
        if (path != _current)
        {
            (_previous, _current) = (_current, path);
        }
    }

    /// <summary>An address as the app's routes see it: relative to the base, without query or fragment ("" is home).</summary>
    public static string PathOf(NavigationManager navigation, string uri) => navigation.ToBaseRelativePath(uri).Split('?', '#')[0];
}
