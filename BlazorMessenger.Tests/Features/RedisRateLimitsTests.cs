using BlazorMessenger.Features.Shared;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace BlazorMessenger.Tests.Features;

public sealed class RedisRateLimitsTests
{
    /// <summary>Five at once, then one a minute: nothing refills while a test runs.</summary>
    private static readonly Dictionary<string, string?> Limits = new()
    {
        ["Messenger:RateLimits:MessageBurst"] = "5",
        ["Messenger:RateLimits:MessagesPerMinute"] = "1",
    };

    [Fact]
    public async Task A_person_cannot_multiply_their_limit_with_tabs_on_another_instance()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var instances = await RedisInstances.CreateAsync(Limits, time, time);
        var (onA, onB) = (instances.A.Get<UserRateLimiter>(), instances.B.Get<UserRateLimiter>());

        for (var i = 0; i < 3; i++)
        {
            Assert.True(onA.TryAcquire(RateLimitedAction.SendMessage, "alice"));
        }

        await SettledAsync(instances.A);
        var admittedOnB = 0;
        while (onB.TryAcquire(RateLimitedAction.SendMessage, "alice"))
        {
            admittedOnB++;
            await SettledAsync(instances.B);
        }

        Assert.Equal(2, admittedOnB);
        // A still believes in the two tokens it last heard of: it admits one on that belief (the documented window) and
        // learns from Redis's answer that the bucket is empty.
        onA.TryAcquire(RateLimitedAction.SendMessage, "alice");
        await SettledAsync(instances.A);
        Assert.False(onA.TryAcquire(RateLimitedAction.SendMessage, "alice"));
        Assert.True(onB.TryAcquire(RateLimitedAction.SendMessage, "bob"), "other people keep their own limits");
    }

    [Fact]
    public async Task What_two_instances_admit_at_the_same_moment_is_paid_back_before_more_is_admitted()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var instances = await RedisInstances.CreateAsync(Limits, time, time);
        var (onA, onB) = (instances.A.Get<UserRateLimiter>(), instances.B.Get<UserRateLimiter>());

        // Neither has heard from Redis yet: each admits its whole burst (the documented window).
        var admitted = Enumerable.Range(0, 5).Count(_ => onA.TryAcquire(RateLimitedAction.SendMessage, "alice"))
            + Enumerable.Range(0, 5).Count(_ => onB.TryAcquire(RateLimitedAction.SendMessage, "alice"));
        await SettledAsync(instances.A);
        await SettledAsync(instances.B);

        Assert.InRange(admitted, 5, 10);
        Assert.False(onA.TryAcquire(RateLimitedAction.SendMessage, "alice"));
        Assert.False(onB.TryAcquire(RateLimitedAction.SendMessage, "alice"));
    }

    [Fact]
    public async Task While_Redis_cannot_be_reached_each_instance_limits_by_itself()
    {
        await using var services = await TestServices.CreateAsync(
            settings: RedisEngine.Settings(RedisEngine.NewPrefix(), "127.0.0.1:1,connectTimeout=200", Limits));
        var limiter = services.Get<UserRateLimiter>();

        var admitted = Enumerable.Range(0, 10).Count(_ => limiter.TryAcquire(RateLimitedAction.SendMessage, "alice"));

        Assert.Equal(5, admitted);
    }

    private static Task SettledAsync(TestServices instance) =>
        Eventually.TrueAsync(() => instance.Get<RedisRateLimits>().InFlight == 0, "Redis answering every spend");
}
