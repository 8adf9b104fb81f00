using Microsoft.Playwright;

namespace BlazorMessenger.Tests.TestSupport;

/// <summary>The chat screen's parts, found the way a person (or a screen reader) finds them.</summary>
public static class ChatPage
{
    public static ILocator MessageLog(this IPage page) => page.GetByRole(AriaRole.Log, new() { Name = "Messages" });

    public static ILocator MessageBox(this IPage page) => page.GetByRole(AriaRole.Textbox, new() { Name = "Message", Exact = true });

    public static ILocator ConversationList(this IPage page) => page.GetByRole(AriaRole.Navigation, new() { Name = "Conversations" });

    /// <summary>Messages the server has stored, as shown in the log (pending ones have no Seq yet).</summary>
    public static ILocator StoredBodies(this IPage page) => page.MessageLog().Locator(".bm-msg[data-seq] .bm-body");

    public static ILocator Pending(this IPage page) => page.MessageLog().Locator(".bm-msg-pending");

    public static async Task TypeAndSendAsync(this IPage page, string text, int keyDelayMs = 0)
    {
        var box = page.MessageBox();
        await box.PressSequentiallyAsync(text, new() { Delay = keyDelayMs });
        await box.PressAsync("Enter");
    }
}
