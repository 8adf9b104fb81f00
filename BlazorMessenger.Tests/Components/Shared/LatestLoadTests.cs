using BlazorMessenger.Components.Shared;

namespace BlazorMessenger.Tests.Components.Shared;

public sealed class LatestLoadTests
{
    [Fact]
    public async Task An_earlier_load_that_finishes_last_is_dropped_and_the_latest_applies()
    {
        var loads = new LatestLoad();
        var (older, newer) = (new TaskCompletionSource<string>(), new TaskCompletionSource<string>());

        var first = loads.RunAsync(() => older.Task);
        var second = loads.RunAsync(() => newer.Task);
        newer.SetResult("new picture");
        older.SetResult("old picture");

        Assert.Equal("new picture", await second);
        Assert.Null(await first);
    }

    [Fact]
    public async Task Loads_one_after_another_all_apply()
    {
        var loads = new LatestLoad();

        Assert.Equal("one", await loads.RunAsync(() => Task.FromResult("one")));
        Assert.Equal("two", await loads.RunAsync(() => Task.FromResult("two")));
    }
}
