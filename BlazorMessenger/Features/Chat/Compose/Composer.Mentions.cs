using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace BlazorMessenger.Features.Chat.Compose;

/// <summary>
/// "@" in a group: the script reports what follows the "@" before the caret, and the keys that move through the picker
/// while it is open; <see cref="MentionState"/> narrows the members, and a pick (Enter or Tab in the browser, or a click)
/// puts "@username " in the text (the server stores it by id).
/// </summary>
public sealed partial class Composer
{
    private readonly MentionState _mentions = new();

    /// <summary>A group's other current members, whom "@" offers; null in a direct conversation (no picker).</summary>
    [Parameter]
    public IReadOnlyList<ChatPeer>? Members { get; set; }

    /// <summary>Owners and admins may mention everyone with "@all".</summary>
    [Parameter]
    public bool CanMentionAll { get; set; }

    protected override void OnParametersSet() => _mentions.Offer(Members, CanMentionAll);

    /// <summary>What follows "@" before the caret, or null when the caret is not in a mention.</summary>
    [JSInvokable]
    public void OnMentionQuery(string? query)
    {
        _mentions.Typed(query);
        StateHasChanged();
    }

    /// <summary>ArrowDown, ArrowUp or Escape while the picker is open (Enter and Tab take the choice in the browser).</summary>
    [JSInvokable]
    public void OnMentionKey(string key)
    {
        if (_mentions.Key(key))
        {
            StateHasChanged();
        }
    }

    private async Task PickMentionAsync(ChatPeer member)
    {
        _mentions.Close();
        if (_module is not null)
        {
            await _module.InvokeVoidAsync("insertMention", _textArea, member.UserName);
        }
    }
}
