namespace BlazorMessenger.Features.Tabs;

/// <summary>Scoped to one circuit: whether it is one tab too many for its person (then it shows only a message).</summary>
public sealed class TabAdmission
{
    /// <summary>The limit this tab went over; null while the tab is let in (and on prerendered pages, which hold no circuit).</summary>
    public int? RefusedOver { get; private set; }

    public void Refuse(int limit) => RefusedOver = limit;
}
