using BlazorMessenger.Features.Receipts;
using Microsoft.AspNetCore.Components;

namespace BlazorMessenger.Features.Chat.List;

/// <summary>The list's part in receipts: what its acknowledged renders showed is delivered (the senders' ✓✓).</summary>
public sealed partial class ConversationList
{
    private readonly Queue<Dictionary<long, long>> _rendered = new();

    [Inject]
    private ReceiptService Receipts { get; set; } = default!;

    [Inject]
    private ILogger<ConversationList> Logger { get; set; } = default!;

    /// <summary>
    /// After-render callbacks of an interactive render run once the browser has acknowledged its batch, one per render in
    /// order: each takes what its own render showed (a later render may already be on its way), and the conversations'
    /// new messages there count as delivered (their senders' ✓✓).
    /// </summary>
    private async Task AcknowledgeAsync()
    {
        if (!_rendered.TryDequeue(out var rendered))
        {
            return;
        }

        var shown = _list.StillUndelivered(rendered);
        if (shown.Count == 0)
        {
            return;
        }

        try
        {
            await Receipts.MarkDeliveredAsync(UserId, shown, _cts.Token);
            _list.MarkDelivered(shown);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Nothing was taken as delivered: the next render reports again.
            Logger.LogWarning(ex, "Marking {Count} conversations delivered failed.", shown.Count);
        }
    }

    /// <summary>
    /// Called while rendering: the newest message of each conversation this render shows that no tab has shown before.
    /// At most a few renders wait for their acknowledgement; beyond that one is skipped (a later one reports it).
    /// </summary>
    private void RememberRendered()
    {
        if (_rendered.Count < 8)
        {
            _rendered.Enqueue(_list.Undelivered());
        }
    }
}
