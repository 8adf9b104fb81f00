using BlazorMessenger.Features.Receipts;
using Microsoft.AspNetCore.Components;

namespace BlazorMessenger.Features.Chat;

/// <summary>The list's part in receipts: what its acknowledged renders showed is delivered (the senders' ✓✓).</summary>
public sealed partial class ConversationList
{
    private readonly Dictionary<long, long> _delivered = [];
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

        var shown = rendered.Where(r => r.Value > _delivered.GetValueOrDefault(r.Key)).ToDictionary();
        if (shown.Count == 0)
        {
            return;
        }

        foreach (var (id, seq) in shown)
        {
            _delivered[id] = seq;
        }

        try
        {
            await Receipts.MarkDeliveredAsync(UserId, shown, _cts.Token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The next render reports again.
            shown.Keys.ToList().ForEach(id => _delivered.Remove(id));
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
            _rendered.Enqueue(_conversations.Where(c => c.EndedSeq is null && c.LastSeq > c.DeliveredSeq).ToDictionary(c => c.Id, c => c.LastSeq));
        }
    }
}
