using BlazorMessenger.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace BlazorMessenger.Features.Chat.Log;

/// <summary>
/// One log's script (MessageLog.razor.js): imported and attached when the log first renders, then asked after each render
/// for the scrolling that render's change needs (keep the reader's message in place, show the highlighted one, follow to
/// the newest). Calls go without a cancellation token: cancelling a call whose answer is already on its way makes the
/// framework complete its task twice, which ends the circuit (seen when switching conversations quickly). Once the log
/// is disposed, what the script answers about elements that are gone is ignored.
/// </summary>
internal sealed class LogScript(IJSRuntime js, CancellationToken disposed)
{
    private readonly Queue<LogScroll> _work = new();
    private LogScroll _next;
    private IJSObjectReference? _module;
    private IJSObjectReference? _attached;

    /// <summary>Whether the module is in: before that (prerendering, or a log disposed during its import) nothing is asked.</summary>
    public bool Loaded => _module is not null;

    /// <summary>Scrolling the next render must do once the browser shows it.</summary>
    public void Ask(LogScroll scroll) => _next |= scroll;

    /// <summary>
    /// Called while rendering. After-render callbacks come one per render, in order, once the browser has acknowledged that
    /// render; taken here, the work waits for the render that carries its change, not for an earlier one still being
    /// acknowledged (a page loaded at the bottom was then kept in place before it arrived, and the view jumped).
    /// </summary>
    public void TakeForRender()
    {
        _work.Enqueue(_next);
        _next = LogScroll.None;
    }

    /// <summary>Imports and attaches the script (the reader put at <paramref name="startAt"/>); false when the log went meanwhile.</summary>
    public async Task<bool> AttachAsync(ElementReference log, object self, object? startAt)
    {
        _module = await js.ImportAsync("./Features/Chat/Log/MessageLog.razor.js", () => disposed.IsCancellationRequested);
        if (_module is null)
        {
            return false;
        }

        var attached = await CallAsync<IJSObjectReference>("attach", log, self, startAt);
        if (disposed.IsCancellationRequested || attached is null)
        {
            await attached.ReleaseAsync("dispose");
            return false;
        }

        _attached = attached;
        return true;
    }

    /// <summary>The scrolling the render just shown asked for (the first render's is the start position, given to attach).</summary>
    public async Task AfterRenderAsync(ElementReference log, long? highlightSeq, bool firstRender)
    {
        var work = _work.TryDequeue(out var taken) ? taken : LogScroll.None;
        if (firstRender || _module is null)
        {
            return;
        }

        // A page's position first, even when a jump follows: the script waits for it before it loads at the ends again.
        if (work.HasFlag(LogScroll.KeepPosition))
        {
            await CallAsync<object>("keepPosition", log);
        }

        if (work.HasFlag(LogScroll.Highlight) && highlightSeq is { } seq)
        {
            await CallAsync<object>("scrollToSeq", log, seq);
        }
        else if (work.HasFlag(LogScroll.Bottom))
        {
            await CallAsync<object>("scrollToBottom", log);
        }
    }

    /// <summary>Before a page is added at one end (the bottom when <paramref name="fromBottom"/>): the script notes the message the reader looks at, to keep it in place.</summary>
    public Task MeasureAsync(ElementReference log, bool fromBottom) => CallAsync<object>("measure", log, fromBottom);

    private async Task<T?> CallAsync<T>(string identifier, params object?[] args)
    {
        try
        {
            return _module is null ? default : await _module.InvokeAsync<T>(identifier, args);
        }
        catch (Exception ex) when (disposed.IsCancellationRequested && ex is JSException or JSDisconnectedException)
        {
            return default;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _attached.ReleaseAsync("dispose");
        await _module.ReleaseAsync();
    }
}
