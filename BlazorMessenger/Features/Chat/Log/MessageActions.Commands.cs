using BlazorMessenger.Features.Shared;
using MudBlazor;

namespace BlazorMessenger.Features.Chat.Log;

/// <summary>What each item of the menu does (every one closes the menu first), and what a bubble's reaction chips and image ask.</summary>
public sealed partial class MessageActions
{
    private async Task ReactAsync(string emoji)
    {
        if (await TakeAsync() is { } message)
        {
            await ToggleReactionAsync(message, emoji);
        }
    }

    /// <summary>Gives the emoji to the message, or takes it back when the reader gave it (the menu, a bubble's chip).</summary>
    public Task ToggleReactionAsync(ChatMessage message, string emoji)
    {
        var given = message.Reactions?.FirstOrDefault(r => r.Emoji == emoji)?.Includes(UserId) == true;
        return ReportAsync(() => Reactions.SetAsync(UserId, message.Id, emoji, !given));
    }

    /// <summary>A bubble's image, full screen (the viewer steps through the conversation's images from there).</summary>
    public Task ShowImageAsync(ChatMessage message) =>
        Dialogs.ShowAsync<ImageViewerDialog>($"Image from {Names?.Of(message.SenderId)}",
            new DialogParameters<ImageViewerDialog> { { d => d.Message, message }, { d => d.UserId, UserId }, { d => d.Names, Names } },
            new DialogOptions { FullScreen = true, CloseButton = true });

    private async Task ReplyAsync()
    {
        if (await TakeAsync() is { } message)
        {
            await OnReply.InvokeAsync(message);
        }
    }

    private async Task ForwardAsync()
    {
        if (await TakeAsync() is { } message)
        {
            await ForwardDialog.ShowAsync(Dialogs, UserId, message);
        }
    }

    private async Task TogglePinAsync()
    {
        if (await TakeAsync() is { } message)
        {
            await ReportAsync(() => Pins.SetAsync(UserId, message.Id, message.PinnedUtc is null));
        }
    }

    /// <summary>The script copied the text in the click itself (data-copy); this closes the menu and says so.</summary>
    private async Task CopyAsync()
    {
        if (await TakeAsync() is not null)
        {
            Snackbar.Add("Copied", Severity.Normal);
        }
    }

    private string CopyText(ChatMessage message) => Mentions.Decode(message.Body, id => Names?.Mention?.Invoke(id).UserName);

    private async Task EditAsync()
    {
        if (await TakeAsync() is { } message)
        {
            await OnEdit.InvokeAsync(message);
        }
    }

    private async Task ShowInfoAsync()
    {
        if (await TakeAsync() is { } message)
        {
            await Dialogs.ShowAsync<MessageInfoDialog>("Message info",
                new DialogParameters<MessageInfoDialog> { { d => d.Message, message }, { d => d.UserId, UserId } },
                new DialogOptions { MaxWidth = MaxWidth.ExtraSmall, FullWidth = true, CloseButton = true });
        }
    }

    /// <summary>
    /// Asks first, as the references do: "Delete for everyone" (one's own message, within the edit window) beside "Delete
    /// for me" (any message: it leaves only the reader's history).
    /// </summary>
    private async Task DeleteAsync(bool forEveryoneToo)
    {
        if (await TakeAsync() is not { } message)
        {
            return;
        }

        var choice = forEveryoneToo
            ? await Dialogs.ShowMessageBoxAsync("Delete message", "Delete this message for everyone, or only for you?",
                yesText: "Delete for everyone", noText: "Delete for me", cancelText: "Cancel")
            : await Dialogs.ShowMessageBoxAsync("Delete message", "Delete this message for you? The others keep it.",
                yesText: "Delete for me", cancelText: "Cancel");
        if (choice == true && forEveryoneToo)
        {
            await ReportAsync(() => Changes.DeleteAsync(UserId, message.Id));
        }
        else if (choice is not null)
        {
            await ReportAsync(() => Changes.DeleteForMeAsync(UserId, message.Id));
        }
    }

    private async Task ReportAsync()
    {
        if (await TakeAsync() is { } message)
        {
            await Safety.ReportDialog.ShowAsync(Dialogs, UserId, _senderName, message.SenderId, message.Id);
        }
    }

    /// <summary>Runs a change and shows its refusal, or that the reader is no longer in the conversation (removed meanwhile).</summary>
    private async Task ReportAsync<T>(Func<Task<ServiceResult<T>>> change)
    {
        try
        {
            if (await change() is { Succeeded: false, Error: { } error })
            {
                Snackbar.Add(error, Severity.Error);
            }
        }
        catch (NotAMemberException)
        {
            Snackbar.Add(NotAMemberException.Gone, Severity.Error);
        }
    }
}
