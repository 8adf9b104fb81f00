using BlazorMessenger.Components.Layout;
using BlazorMessenger.Components.Shared;
using BlazorMessenger.Features.Chat.Compose;
using BlazorMessenger.Features.Chat.Format;
using BlazorMessenger.Features.Hooks;
using BlazorMessenger.Features.Receipts;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace BlazorMessenger.Features.Chat.Log;

/// <summary>
/// One message as plain markup. It asks little of its log: the message, its look (place in the run, highlight, tick) and a
/// version that changes when names do; who is who comes from the cascaded SenderNames, and its buttons act through the
/// log's script.
/// </summary>
public sealed partial class MessageBubble
{
    [Parameter, EditorRequired]
    public ChatMessage Message { get; set; } = default!;

    /// <summary>Its place in a run, a jump's highlight, and the tick of one's own message.</summary>
    [Parameter]
    public BubbleLook Look { get; set; }

    /// <summary>Changes when the names or pictures the bubble shows change (a rename, a new picture, someone leaving).</summary>
    [Parameter]
    public int PeopleVersion { get; set; }

    [CascadingParameter]
    private TimeZoneInfo? TimeZone { get; set; }

    [CascadingParameter]
    private SenderNames? Names { get; set; }

    private (ChatMessage, BubbleLook, int, TimeZoneInfo?) _shown;
    private bool _changed = true;

    /// <summary>
    /// Records are not among the parameter types Blazor knows to be immutable, so without this every bubble of a long
    /// log rendered again for each new message (the latency benchmark grew with the log's length).
    /// </summary>
    protected override void OnParametersSet()
    {
        var current = (Message, Look, PeopleVersion, TimeZone);
        _changed = !current.Equals(_shown);
        _shown = current;
    }

    protected override bool ShouldRender() => _changed;

    protected override void OnAfterRender(bool firstRender) => _changed = false;

    private bool Mine => Names is { } names && Message.SenderId == names.ReaderId;

    /// <summary>Who wrote it, for screen readers, the group's run and the image's alt text.</summary>
    private string SenderName => Names?.Of(Message.SenderId) ?? "";

    private bool SentByBot => Names?.IsBot?.Invoke(Message.SenderId) == true;

    /// <summary>The name over the bubble: a webhook's post shows the name it asked for (Slack's "username"), if any.</summary>
    private string ShownName => Message.Card?.As ?? SenderName;

    /// <summary>The webhook's own name beside a name it posted under, so no post passes for a person's.</summary>
    private string? Via => Message.Card?.As is not null ? SenderName : null;

    private string SpokenName => Mine ? "You"
        : Message.ByHook ? (Via is { } via ? $"{ShownName}, app, via {via}" : $"{ShownName}, app")
        : SentByBot ? $"{SenderName}, bot" : SenderName;

    /// <summary>The avatar of a webhook's post that asked for an emoji as its icon.</summary>
    private static MarkupString IconAvatar(string emoji) =>
        new($"<div class=\"bm-msg-avatar\"><span class=\"bm-emoji-avatar\" aria-hidden=\"true\">{System.Net.WebUtility.HtmlEncode(emoji)}</span></div>");

    private TimeZoneInfo Zone => TimeZone ?? TimeZoneInfo.Utc;

    /// <summary>The text, with each mention as a chip (or, for someone no longer in the group, as plain text).</summary>
    private RenderFragment Body => MessageFormat.Render(Message.Body, Names?.Mention);

    private string NameOf(string userId) => Names is { } names && userId == names.ReaderId ? "You" : Names?.Of(userId) ?? SenderName;

    private string QuoteLine => Message.ReplyTo is { } quote ? QuoteText.Of(quote, UserNameOf) : "";

    private string? UserNameOf(string userId) => Names?.Mention?.Invoke(userId).UserName;

    /// <summary>"You, alice and bob" for a reaction's tooltip; long lists end with "and N others".</summary>
    private string WhoReacted(ReactionGroup reaction)
    {
        const int shown = 10;
        var names = reaction.UserIds.OrderBy(id => id != Names?.ReaderId).Select(NameOf).ToList();
        var listed = names.Count > shown ? [.. names.Take(shown - 1), $"{names.Count - shown + 1} others"] : names;
        return listed.Count == 1 ? listed[0] : $"{string.Join(", ", listed[..^1])} and {listed[^1]}";
    }

    private string CssClass => (Mine, Jumbo, Look.HasFlag(BubbleLook.Highlighted)) switch
    {
        (true, false, false) => "bm-msg bm-mine",
        (false, false, false) => "bm-msg bm-theirs",
        var (mine, jumbo, target) => string.Join(' ', "bm-msg", mine ? "bm-mine" : "bm-theirs", jumbo ? "bm-jumbo" : "", target ? "bm-target" : ""),
    };

    private bool Jumbo => !Message.IsDeleted && Message.Image is null && Emoji.IsJumbo(Message.Body);

    private static MarkupString TickMark(ReceiptStatus receipt) => receipt switch
    {
        ReceiptStatus.Read => ReadMark,
        ReceiptStatus.Delivered => DeliveredMark,
        _ => SentMark,
    };

    private static readonly MarkupString DownloadIcon = Svg.Icon(Icons.Material.Filled.Download);
    private static readonly MarkupString PlayIcon = new(Svg.Icon(Icons.Material.Filled.PlayArrow).Value.Replace("<svg", "<svg data-play", StringComparison.Ordinal));
    private static readonly MarkupString PauseIcon = new(Svg.Icon(Icons.Material.Filled.Pause).Value.Replace("<svg", "<svg data-pause", StringComparison.Ordinal));
    private static readonly MarkupString SentMark = Tick(ReceiptStatus.Sent, Icons.Material.Filled.Done);
    private static readonly MarkupString DeliveredMark = Tick(ReceiptStatus.Delivered, Icons.Material.Filled.DoneAll);
    private static readonly MarkupString ReadMark = Tick(ReceiptStatus.Read, Icons.Material.Filled.DoneAll);
    private static readonly MarkupString PinnedMark =
        new($"<span class=\"bm-pinned\" role=\"img\" aria-label=\"Pinned\" title=\"Pinned\">{Svg.Icon(Icons.Material.Filled.PushPin)}</span>");
    private static readonly MarkupString ForwardedMark = new($"<div class=\"bm-forwarded\">{Svg.Icon(Icons.Material.Filled.Shortcut)} Forwarded</div>");

    /// <summary>A plain button per message; the menu itself is the log's one MessageActions.</summary>
    private static readonly MarkupString ActionsButton = new(
        "<button type=\"button\" class=\"bm-msg-actions\" aria-label=\"Message actions\" aria-haspopup=\"menu\" title=\"More\" data-act=\"actions\">"
        + Svg.Icon(Icons.Material.Filled.MoreVert) + "</button>");

    private static MarkupString Tick(ReceiptStatus receipt, string icon)
    {
        var label = ReceiptLabels.Of(receipt);
        return new($"<span class=\"bm-receipt bm-receipt-{receipt.ToString().ToLowerInvariant()}\" role=\"img\" aria-label=\"{label}\" title=\"{label}\" data-receipt=\"{receipt}\">{Svg.Icon(icon)}</span>");
    }
}
