using BlazorMessenger.Components.Layout;
using BlazorMessenger.Features.Receipts;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace BlazorMessenger.Features.Chat;

public sealed partial class MessageBubble
{
    private MudMenu? _actions;

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

    /// <summary>Changes when the people a mention can name change (a rename, someone leaving): its chips render again.</summary>
    [Parameter]
    public int PeopleVersion { get; set; }

    /// <summary>One's own message's tick (null for others' messages).</summary>
    [Parameter]
    public ReceiptStatus? Receipt { get; set; }

    /// <summary>In a group, one's own messages offer "Message info" (who has it and who read it).</summary>
    [Parameter]
    public bool IsGroup { get; set; }

    /// <summary>Marks the message a search result pointed at.</summary>
    [Parameter]
    public bool Highlighted { get; set; }

    [CascadingParameter]
    private TimeZoneInfo? TimeZone { get; set; }

    [CascadingParameter]
    private SenderNames? Names { get; set; }

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ChatService Chat { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    /// <summary>The service enforces the window; the menu just doesn't offer what it would refuse.</summary>
    private bool CanEdit => Time.GetUtcNow().UtcDateTime - DateTime.SpecifyKind(Message.CreatedUtc, DateTimeKind.Utc) < MessageRules.EditWindow;

    private (ChatMessage, bool, string, string, ChatPeer?, bool, bool, bool, int, TimeZoneInfo?, ReceiptStatus?, bool) _shown;
    private bool _changed = true;

    /// <summary>
    /// Records are not among the parameter types Blazor knows to be immutable, so without this every bubble of a long
    /// log rendered again for each new message (the latency benchmark grew with the log's length).
    /// </summary>
    protected override void OnParametersSet()
    {
        var current = (Message, Mine, SenderName, UserId, Avatar, ShowAvatar, ShowName, Highlighted, PeopleVersion, TimeZone, Receipt, IsGroup);
        _changed = !current.Equals(_shown);
        _shown = current;
    }

    protected override bool ShouldRender() => _changed;

    protected override void OnAfterRender(bool firstRender) => _changed = false;

    /// <summary>The text, with each mention as a chip (or, for someone no longer in the group, as plain text).</summary>
    private RenderFragment Body => MessageFormat.Render(Message.Body, Names?.Mention);

    /// <summary>Plain markup, not a MudIcon: a component per tick cost every open chat a component per message of one's own.</summary>
    private static MarkupString TickIcon(ReceiptStatus receipt) => receipt == ReceiptStatus.Sent ? SentIcon : DeliveredIcon;

    private static readonly MarkupString SentIcon = Svg(Icons.Material.Filled.Done);
    private static readonly MarkupString DeliveredIcon = Svg(Icons.Material.Filled.DoneAll);

    private static MarkupString Svg(string paths) =>
        new($"<svg viewBox=\"0 0 24 24\" aria-hidden=\"true\" focusable=\"false\" fill=\"currentColor\">{paths}</svg>");

    private string CssClass => string.Join(' ', "bm-msg", Mine ? "bm-mine" : "bm-theirs",
        !Message.IsDeleted && Message.Image is null && Emoji.IsJumbo(Message.Body) ? "bm-jumbo" : "",
        Highlighted ? "bm-target" : "");

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

    /// <summary>
    /// The menu is closed (and has given the focus back to its button) before a dialog opens, so the focus it returns
    /// does not land after the dialog has put it in its field.
    /// </summary>
    private async Task CloseActionsAsync()
    {
        if (_actions is not null)
        {
            await _actions.CloseMenuAsync();
        }
    }

    private async Task EditAsync()
    {
        await CloseActionsAsync();
        var parameters = new DialogParameters<EditMessageDialog>
        {
            { d => d.Message, Message },
            { d => d.UserId, UserId },
            { d => d.Names, Names },
        };
        await Dialogs.ShowAsync<EditMessageDialog>("Edit message", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
    }

    private async Task ShowInfoAsync()
    {
        await CloseActionsAsync();
        await Dialogs.ShowAsync<MessageInfoDialog>("Message info",
            new DialogParameters<MessageInfoDialog> { { d => d.Message, Message }, { d => d.UserId, UserId } },
            new DialogOptions { MaxWidth = MaxWidth.ExtraSmall, FullWidth = true, CloseButton = true });
    }

    private static readonly MarkupString FlagIcon = new(
        $"<svg viewBox=\"0 0 24 24\" width=\"18\" height=\"18\" fill=\"currentColor\" aria-hidden=\"true\" focusable=\"false\">{Icons.Material.Outlined.Flag}</svg>");

    private Task ReportAsync() => Safety.ReportDialog.ShowAsync(Dialogs, UserId, SenderName, Message.SenderId, Message.Id);

    private async Task DeleteAsync()
    {
        await CloseActionsAsync();
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Delete message", "Delete this message for everyone?", yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        var result = await Chat.DeleteAsync(UserId, Message.Id);
        if (!result.Succeeded)
        {
            Snackbar.Add(result.Error!, Severity.Error);
        }
    }
}
