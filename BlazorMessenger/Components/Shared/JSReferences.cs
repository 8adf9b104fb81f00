using Microsoft.JSInterop;

namespace BlazorMessenger.Components.Shared;

/// <summary>The one way components let go of what their scripts handed them, whether or not the circuit is still there.</summary>
public static class JSReferences
{
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
