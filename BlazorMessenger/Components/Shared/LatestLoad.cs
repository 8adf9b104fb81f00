namespace BlazorMessenger.Components.Shared;

/// <summary>
/// For a component whose reloads can overlap (two events arrive together): only the last load started may apply its
/// result, because an earlier one can finish later and would bring back an older state.
/// </summary>
public sealed class LatestLoad
{
    private long _started;

    /// <summary>Runs the load; the result is null when a later load started meanwhile (drop it).</summary>
    public async Task<T?> RunAsync<T>(Func<Task<T>> load)
        where T : class?
    {
        var mine = ++_started;
        var result = await load();
        return mine == _started ? result : null;
    }
}
