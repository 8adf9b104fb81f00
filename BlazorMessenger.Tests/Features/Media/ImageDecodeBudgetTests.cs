using BlazorMessenger.Features.Media;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace BlazorMessenger.Tests.Features.Media;

public sealed class ImageDecodeBudgetTests
{
    private const long Mb = 1024 * 1024;
    private readonly FakeTimeProvider _time = new();
    private readonly ImageDecodeBudget _budget;

    public ImageDecodeBudgetTests() => _budget = new ImageDecodeBudget(
        Options.Create(new MediaOptions { DecodeBudgetMb = 10, DecodeWaitSeconds = 10 }), _time);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_image_that_does_not_fit_waits_for_the_one_before_it_to_finish()
    {
        var first = await _budget.AcquireAsync(8 * Mb, Ct);
        var second = _budget.AcquireAsync(4 * Mb, Ct);
        Assert.False(second.IsCompleted);

        first!.Dispose();

        using var lease = await second;
        Assert.NotNull(lease);
        Assert.Equal(4 * Mb, _budget.InUse);
    }

    [Fact]
    public async Task Waiting_longer_than_the_wait_limit_is_refused_and_the_next_in_line_goes_ahead()
    {
        using var first = await _budget.AcquireAsync(8 * Mb, Ct);
        var big = _budget.AcquireAsync(4 * Mb, Ct);
        var small = _budget.AcquireAsync(1 * Mb, Ct);
        Assert.False(small.IsCompleted); // first come, first served: it waits behind the bigger one

        _time.Advance(TimeSpan.FromSeconds(10));

        Assert.Null(await big);
        using var smallLease = await small;
        Assert.NotNull(smallLease);
        Assert.Equal(9 * Mb, _budget.InUse);
    }

    [Fact]
    public async Task More_than_the_whole_budget_is_refused_without_waiting() =>
        Assert.Null(await _budget.AcquireAsync(11 * Mb, Ct));
}
