namespace BlazorMessenger.LoadTest;

/// <summary>
/// The values a headless page returns where the app's components read one, as a browser tab with notifications not
/// granted would; every other call answers null (what the app's void and nullable calls accept). A value the app cannot
/// read ends its circuit (it did, for the notifications' bool), so a new call with a result belongs here.
/// </summary>
internal static class PageAnswers
{
    private static readonly Dictionary<string, string> ByFunction = new()
    {
        // MudBlazor asks how many popover providers the page has: the layout renders one.
        ["mudpopoverHelper.countProviders"] = "1",
        // The notifications module (Notifier.js): not granted, so no notifications are shown.
        ["Notifier.js:start"] = "false",
        ["bmEmoji.recent"] = "[]",
    };

    public static string For(string? module, string identifier) =>
        ByFunction.GetValueOrDefault(module is null ? identifier : $"{Path.GetFileName(module)}:{identifier}", "null");
}
