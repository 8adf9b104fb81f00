using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Chat.Log;
using BlazorMessenger.Realtime;
using BlazorMessenger.Tests.TestSupport;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BlazorMessenger.Tests.Features.Chat.Log;

public sealed class MessageLogDayTests : ChatComponentContext
{
    // A Thursday.
    private static readonly DateTime Now = new(2026, 11, 26, 10, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Days_are_separated_as_today_yesterday_a_weekday_this_week_then_a_date_with_the_year_when_not_this_one()
    {
        await Bed.StoreSilentlyAsync(
            (new DateTime(2025, 3, 14, 9, 0, 0, DateTimeKind.Utc), "last year"),
            (new DateTime(2026, 10, 1, 9, 0, 0, DateTimeKind.Utc), "this year"),
            (new DateTime(2026, 11, 19, 9, 0, 0, DateTimeKind.Utc), "a week ago"),
            (new DateTime(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc), "on Monday"),
            (new DateTime(2026, 11, 25, 9, 0, 0, DateTimeKind.Utc), "yesterday"),
            (new DateTime(2026, 11, 26, 8, 0, 0, DateTimeKind.Utc), "this morning"),
            (new DateTime(2026, 11, 26, 9, 0, 0, DateTimeKind.Utc), "later this morning"));

        var cut = await RenderLogAsync(TimeZoneInfo.Utc);

        Assert.Equal(["14 March 2025", "1 October", "19 November", "Monday", "Yesterday", "Today"], Separators(cut));
        var today = cut.FindAll(".bm-day")[^1];
        Assert.Equal("separator", today.GetAttribute("role"));
        Assert.Equal("Today", today.GetAttribute("aria-label"));
    }

    [Fact]
    public async Task Days_are_the_readers_own_and_each_time_carries_the_full_date()
    {
        // 23:30 UTC on Wednesday is already Thursday in Berlin.
        await Bed.StoreSilentlyAsync((new DateTime(2026, 11, 25, 23, 30, 0, DateTimeKind.Utc), "just after midnight"));

        var cut = await RenderLogAsync(TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));

        Assert.Equal(["Today"], Separators(cut));
        var time = cut.Find(".bm-msg time");
        Assert.Equal("00:30", time.TextContent);
        Assert.Equal("Thursday, 26 November 2026 at 00:30", time.GetAttribute("title"));
    }

    [Fact]
    public async Task A_message_arriving_on_a_new_day_gets_its_own_separator()
    {
        await Bed.StoreSilentlyAsync((new DateTime(2026, 11, 25, 9, 0, 0, DateTimeKind.Utc), "yesterday"));
        var cut = await RenderLogAsync(TimeZoneInfo.Utc);
        Assert.Equal(["Yesterday"], Separators(cut));

        // Stored at the test's own "now", not the machine's (a real send would carry today's date, whatever day that is).
        await Bed.StoreSilentlyAsync((Now, "today"));
        var arrived = (await Bed.Chat.GetPageAsync(Bed.Bob, Bed.ConversationId, null, Xunit.TestContext.Current.CancellationToken))[^1];
        Bed.Hub.Publish([Bed.Bob], new MessagePosted(arrived));

        cut.WaitForAssertion(() => Assert.Equal(["Yesterday", "Today"], Separators(cut)));
    }

    private static IEnumerable<string> Separators(IRenderedComponent<MessageLog> cut) =>
        cut.FindAll(".bm-day").Select(d => d.TextContent.Trim());

    private async Task<IRenderedComponent<MessageLog>> RenderLogAsync(TimeZoneInfo zone)
    {
        Services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
        var conversation = await Bed.Chat.OpenDirectAsync(Bed.Bob, "alice", Xunit.TestContext.Current.CancellationToken);
        var cut = Render<MessageLog>(p => p
            .Add(c => c.Conversation, conversation!)
            .Add(c => c.UserId, Bed.Bob)
            .AddCascadingValue(zone));
        cut.WaitForAssertion(() => Assert.Equal(1, ((InProcessMessengerHub)Bed.Hub).SubscriptionCount(Bed.Bob)));
        return cut;
    }
}
