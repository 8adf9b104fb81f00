using BlazorMessenger.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace BlazorMessenger.Features.Chat.Log;

public sealed partial class ImageViewerDialog : IAsyncDisposable
{
    private ChatMessage _message = default!;
    private ImageNavigation? _navigation;
    private ElementReference _stage;
    private IJSObjectReference? _module;
    private IJSObjectReference? _swipes;
    private DotNetObjectReference<ImageViewerDialog>? _self;
    private bool _disposed;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [CascadingParameter]
    private TimeZoneInfo? TimeZone { get; set; }

    /// <summary>The image message opened first; previous and next step from it.</summary>
    [Parameter, EditorRequired]
    public ChatMessage Message { get; set; } = default!;

    [Parameter, EditorRequired]
    public string UserId { get; set; } = "";

    [Parameter, EditorRequired]
    public SenderNames Names { get; set; } = default!;

    [Inject]
    private ChatService Chat { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    private ChatImage Image => _message.Image!;

    private string Sender => Names.Of(_message.SenderId);

    protected override async Task OnInitializedAsync()
    {
        _message = Message;
        _navigation = await Chat.GetImageNavigationAsync(UserId, _message.ConversationId, _message.Seq);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        _module = await JS.ImportAsync("./Features/Chat/Log/ImageViewerDialog.razor.js", () => _disposed);
        if (_module is null)
        {
            return;
        }

        _self = DotNetObjectReference.Create(this);
        _swipes = await _module.AttachAsync(() => _disposed, _stage, _self);
    }

    /// <summary>From the arrow keys and swipes (a swipe left shows the next image, as photo apps do; down closes).</summary>
    [JSInvokable]
    public Task StepAsync(string direction) => direction switch
    {
        "previous" => ShowAsync(_navigation?.Previous),
        "next" => ShowAsync(_navigation?.Next),
        "close" => CloseAsync(),
        _ => Task.CompletedTask,
    };

    private async Task ShowAsync(ChatMessage? message)
    {
        if (message?.Image is null)
        {
            return;
        }

        _message = message;
        _navigation = await Chat.GetImageNavigationAsync(UserId, message.ConversationId, message.Seq);
        StateHasChanged();
        // The title (sender, date, position) is rendered by the dialog's container, not by this component.
        Dialog.StateHasChanged();
    }

    private Task CloseAsync()
    {
        Dialog.Close();
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        await _swipes.ReleaseAsync("dispose");
        await _module.ReleaseAsync();
        _self?.Dispose();
    }
}
