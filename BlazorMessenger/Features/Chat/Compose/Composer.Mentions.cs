using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace BlazorMessenger.Features.Chat.Compose;

/// <summary>
/// "@" in a group: the script reports what follows the "@" before the caret, and the keys that move through the picker
/// while it is open; the circuit narrows the members, and a pick (Enter or Tab in the browser, or a click) puts
/// "@username " in the text (the server stores it by id).
/// </summary>
public sealed partial class Composer
{
    private static readonly ChatPeer Everyone = new(Mentions.All, Mentions.All, "Everyone", null);
    private string? _mentionQuery;
    private int _mentionActive;

    /// <summary>A group's other current members, whom "@" offers; null in a direct conversation (no picker).</summary>
    [Parameter]
    public IReadOnlyList<ChatPeer>? Members { get; set; }

    /// <summary>Owners and admins may mention everyone with "@all".</summary>
    [Parameter]
    public bool CanMentionAll { get; set; }

    private IReadOnlyList<ChatPeer> MentionChoices => Members is null || _mentionQuery is null
        ? []
        : Mentions.Match(CanMentionAll ? [.. Members, Everyone] : Members, _mentionQuery);

    /// <summary>What follows "@" before the caret, or null when the caret is not in a mention.</summary>
    [JSInvokable]
    public void OnMentionQuery(string? query)
    {
        _mentionQuery = Members is null ? null : query;
        _mentionActive = 0;
        StateHasChanged();
    }

    /// <summary>ArrowDown, ArrowUp or Escape while the picker is open (Enter and Tab take the choice in the browser).</summary>
    [JSInvokable]
    public void OnMentionKey(string key)
    {
        var choices = MentionChoices;
        if (choices.Count == 0)
        {
            return;
        }

        switch (key)
        {
            case "ArrowDown":
                _mentionActive = (_mentionActive + 1) % choices.Count;
                break;
            case "ArrowUp":
                _mentionActive = (_mentionActive + choices.Count - 1) % choices.Count;
                break;
            case "Escape":
                _mentionQuery = null;
                break;
        }

        StateHasChanged();
    }

    private async Task PickMentionAsync(ChatPeer member)
    {
        _mentionQuery = null;
        if (_module is not null)
        {
            await _module.InvokeVoidAsync("insertMention", _textArea, member.UserName);
        }
    }
}
