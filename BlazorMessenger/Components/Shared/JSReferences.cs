using Microsoft.JSInterop;

namespace BlazorMessenger.Components.Shared;

/// <summary>
/// The one way components load their script modules and let go of what their scripts handed them, whether or not the
/// circuit is still there.
/// </summary>
public static class JSReferences
{
    /// <summary>
    /// Imports a module; null when the component was disposed while the import was in flight (switching conversations
    /// quickly does that), the module then being released at once rather than kept by a component that is gone.
    /// </summary>
    public static async Task<IJSObjectReference?> ImportAsync(this IJSRuntime js, string path, Func<bool> disposed)
    {
        var module = await js.InvokeAsync<IJSObjectReference>("import", path);
        if (!disposed())
        {
            return module;
        }

        await module.ReleaseAsync();
        return null;
    }

    /// <summary>
    /// Calls the module's attach function, which hands back an object whose dispose removes its listeners; null when the
    /// component was disposed during the call, the listeners then removed at once rather than outliving it.
    /// </summary>
    public static async Task<IJSObjectReference?> AttachAsync(this IJSObjectReference module, Func<bool> disposed, params object?[] args)
    {
        var listeners = await module.InvokeAsync<IJSObjectReference>("attach", args);
        if (!disposed())
        {
            return listeners;
        }

        await listeners.ReleaseAsync("dispose");
        return null;
    }

    /// <summary>Calls the object's own dispose function first, if it has one (to remove its listeners), then releases it.</summary>
    public static async Task ReleaseAsync(this IJSObjectReference? reference, string? disposeFunction = null)
    {
        if (reference is null)
        {
            return;
        }

        try
        {
            if (disposeFunction is not null)
            {
                await reference.InvokeVoidAsync(disposeFunction);
            }

            await reference.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone, and everything the script held with it.
        }
    }
}
