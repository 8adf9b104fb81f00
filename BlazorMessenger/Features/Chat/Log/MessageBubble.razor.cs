using BlazorMessenger.Components.Layout;
using BlazorMessenger.Features.Receipts;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace BlazorMessenger.Features.Chat;

public sealed partial class MessageBubble
{
    [Parameter, EditorRequired]
    public ChatMessage Message { get; set; } = default!;

    [Parameter]
    public bool Mine { get; set; }

    /// <summary>Who wrote it, for screen readers and the image's alt text.</summary>
    [Parameter]
    public string SenderName { get; set; } = "";

    /// <summary>The reader's id: actions act as them, and the service checks it is their message.</summary>
    [Parameter]
    public string UserId { get; set; } = "";

    /// <summary>The other person, whose picture stands beside their messages (null for one's own).</summary>
    [Parameter]
    public ChatPeer? Avatar { get; set; }

    /// <summary>Only the first message of a run shows the picture; the rest keep its space.</summary>
    [Parameter]
    public bool ShowAvatar { get; set; }

    /// <summary>In a group, the first message of someone else's run names them.</summary>
    [Parameter]
    public bool ShowName { get; set; }

    /// <summary>Changes when the people a mention, quote or reaction can name change (a rename, someone leaving).</summary>
    [Parameter]
    public int PeopleVersion { get; set; }

    /// <summary>One's own message's tick (null for others' messages).</summary>
    [Parameter]
    public ReceiptStatus? Receipt { get; set; }

    /// <summary>Marks the message a search result or a quote pointed at.</summary>
    [Parameter]
    public bool Highlighted { get; set; }

    [CascadingParameter]
    private TimeZoneInfo? TimeZone { get; set; }

    [CascadingParameter]
    private SenderNames? Names { get; set; }

    /// <summary>The log this bubble is in: its shared actions menu, jumps to a quoted message, reactions.</summary>
    [CascadingParameter]
    private MessageLog? Log { get; set; }

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    private (ChatMessage, bool, string, string, ChatPeer?, bool, bool, bool, int, TimeZoneInfo?, ReceiptStatus?) _shown;
    private bool _changed = true;

    /// <summary>
    /// Records are not among the parameter types Blazor knows to be immutable, so without this every bubble of a long
    /// log rendered again for each new message (the latency benchmark grew with the log's length).
    /// </summary>
    protected override void OnParametersSet()
    {
        var current = (Message, Mine, SenderName, UserId, Avatar, ShowAvatar, ShowName, Highlighted, PeopleVersion, TimeZone, Receipt);
        _changed = !current.Equals(_shown);
        _shown = current;
    }

    protected override bool ShouldRender() => _changed;

    protected override void OnAfterRender(bool firstRender) => _changed = false;

    /// <summary>The text, with each mention as a chip (or, for someone no longer in the group, as plain text).</summary>
    private RenderFragment Body => MessageFormat.Render(Message.Body, Names?.Mention);

    private string NameOf(string userId) => userId == UserId ? "You" : Names?.Of(userId) ?? SenderName;

    private string QuoteLine => Message.ReplyTo is { } quote ? QuoteText.Of(quote, UserNameOf) : "";

    private string? UserNameOf(string userId) => Names?.Mention?.Invoke(userId).UserName;

    /// <summary>"You, alice and bob" for a reaction's tooltip; long lists end with "and N others".</summary>
    private string WhoReacted(ReactionGroup reaction)
    {
        const int shown = 10;
        var names = reaction.UserIds.OrderBy(id => id != UserId).Select(NameOf).ToList();
        var listed = names.Count > shown ? [.. names.Take(shown - 1), $"{names.Count - shown + 1} others"] : names;
        return listed.Count == 1 ? listed[0] : $"{string.Join(", ", listed[..^1])} and {listed[^1]}";
    }

    /// <summary>Plain markup, not a MudIcon: a component per tick cost every open chat a component per message of one's own.</summary>
    private static MarkupString TickIcon(ReceiptStatus receipt) => receipt == ReceiptStatus.Sent ? SentIcon : DeliveredIcon;

    private static readonly MarkupString SentIcon = Svg(Icons.Material.Filled.Done);
    private static readonly MarkupString DeliveredIcon = Svg(Icons.Material.Filled.DoneAll);
    private static readonly MarkupString PinIcon = Svg(Icons.Material.Filled.PushPin);
    private static readonly MarkupString ForwardIcon = Svg(Icons.Material.Filled.Shortcut);
    private static readonly MarkupString MoreIcon = Svg(Icons.Material.Filled.MoreVert);
    private static readonly MarkupString DownloadIcon = Svg(Icons.Material.Filled.Download);

    private static MarkupString Svg(string paths) =>
        new($"<svg viewBox=\"0 0 24 24\" aria-hidden=\"true\" focusable=\"false\" fill=\"currentColor\">{paths}</svg>");

    private string CssClass => string.Join(' ', "bm-msg", Mine ? "bm-mine" : "bm-theirs",
        !Message.IsDeleted && Message.Image is null && Emoji.IsJumbo(Message.Body) ? "bm-jumbo" : "",
        Highlighted ? "bm-target" : "");

    private string BubbleClass => Message.Image is null ? "bm-bubble" : "bm-bubble bm-bubble-image";

    private async Task OpenViewerAsync()
    {
        var parameters = new DialogParameters<ImageViewerDialog>
        {
            { d => d.Message, Message },
            { d => d.UserId, UserId },
            { d => d.Names, Names ?? new SenderNames(_ => SenderName) },
        };
        await Dialogs.ShowAsync<ImageViewerDialog>($"Image from {SenderName}", parameters,
            new DialogOptions { FullScreen = true, CloseButton = true });
    }

    private Task OpenActionsAsync() => Log?.OpenActionsAsync(Message, Mine, SenderName) ?? Task.CompletedTask;

    private Task JumpToQuoteAsync() => Message.ReplyTo is { } quote && Log is not null ? Log.JumpToAsync(quote.Seq) : Task.CompletedTask;

    private Task ToggleReactionAsync(string emoji, bool given) => Log?.SetReactionAsync(Message, emoji, !given) ?? Task.CompletedTask;
}
