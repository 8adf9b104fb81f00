namespace BlazorMessenger.Tests.TestSupport;

/// <summary>Waits for work another thread finishes (a hub event after a timer fired), up to 5 seconds.</summary>
public static class Eventually
{
    public static Task TrueAsync(Func<bool> condition, string what = "The condition") =>
        TrueAsync(() => Task.FromResult(condition()), what);

    public static async Task TrueAsync(Func<Task<bool>> condition, string what = "The condition")
    {
        for (var i = 0; i < 100 && !await condition(); i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.True(await condition(), $"{what} did not become true within 5 seconds.");
    }
}
