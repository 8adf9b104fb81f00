using BlazorMessenger.Data;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Notifications;
using BlazorMessenger.Features.Settings;
using BlazorMessenger.Features.Shared;
using BlazorMessenger.Realtime;
using BlazorMessenger.Tests.Features.Chat;
using BlazorMessenger.Tests.Features.Groups;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace BlazorMessenger.Tests.Features.Notifications;

[BothDatabases]
public sealed class NotificationServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_message_notifies_the_others_with_the_senders_name_a_short_text_and_the_way_back()
    {
        await using var bed = await ChatTestBed.CreateAsync();
        var notifications = bed.Services.Get<NotificationService>();
        var message = await bed.SendAsync(bed.Alice, new string('é', 98) + "😀😀😀");

        var shown = (await notifications.ForAsync(bed.Bob, message, Ct))!;

        Assert.Equal(("Alice A.", new string('é', 98) + "😀😀…", "chat/alice", "favicon.png"), (shown.Title, shown.Body, shown.Href, shown.Icon));
        Assert.Equal($"bm-conversation-{bed.ConversationId}", shown.Tag);
        Assert.Null(await notifications.ForAsync(bed.Alice, message, Ct));
        Assert.Null(await notifications.ForAsync(bed.Carol, message, Ct));
    }

    [Fact]
    public async Task A_group_message_is_titled_by_the_group_and_an_image_says_photo()
    {
        await using var bed = await GroupTestBed.CreateAsync();
        var notifications = bed.Services.Get<NotificationService>();
        var text = await bed.SendAsync(bed.Adam, $"hi @mia");
        var image = (await bed.Attachments.SendImageAsync(bed.Adam, bed.GroupId, Guid.NewGuid(), TestImages.Png(), null, ct: Ct)).Value!;

        var forText = (await notifications.ForAsync(bed.Mia, text, Ct))!;
        Assert.Equal(("Trip", "adam: hi @mia", $"group/{bed.GroupId}"), (forText.Title, forText.Body, forText.Href));
        Assert.Equal("adam: 📷 Photo", (await notifications.ForAsync(bed.Mia, image, Ct))!.Body);
        // rita was removed: nothing reaches her.
        Assert.Null(await notifications.ForAsync(bed.Rita, text, Ct));
    }

    [Fact]
    public async Task A_muted_conversation_stays_silent_except_for_mentions_unless_those_are_silenced_too_until_the_mute_ends()
    {
        // Whole seconds: PostgreSQL keeps microseconds, and the end of the mute is compared exactly.
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
        await using var bed = await GroupTestBed.CreateAsync(time: time);
        var notifications = bed.Services.Get<NotificationService>();
        using var mia = new HubRecorder(bed.Hub, bed.Mia);
        var plain = await bed.SendAsync(bed.Adam, "plain");
        var mention = await bed.SendAsync(bed.Adam, "look @mia");

        await notifications.MuteAsync(bed.Mia, bed.GroupId, MuteFor.OneHour, Ct);

        Assert.Contains(mia.OfType<ConversationChanged>(), c => c.ConversationId == bed.GroupId);
        Assert.Equal(time.GetUtcNow().UtcDateTime.AddHours(1), await notifications.MutedUntilAsync(bed.Mia, bed.GroupId, Ct));
        Assert.Null(await notifications.ForAsync(bed.Mia, plain, Ct));
        Assert.NotNull(await notifications.ForAsync(bed.Mia, mention, Ct));
        var settings = bed.Services.Get<SettingsService>();
        await settings.UpdateAsync(bed.Mia, await settings.GetAsync(bed.Mia, Ct) with { MentionsWhenMuted = false }, Ct);
        Assert.Null(await notifications.ForAsync(bed.Mia, mention, Ct));

        time.Advance(TimeSpan.FromMinutes(61));
        Assert.Null(await notifications.MutedUntilAsync(bed.Mia, bed.GroupId, Ct));
        Assert.NotNull(await notifications.ForAsync(bed.Mia, plain, Ct));

        await notifications.MuteAsync(bed.Mia, bed.GroupId, MuteFor.Always, Ct);
        time.Advance(TimeSpan.FromDays(3650));
        Assert.Null(await notifications.ForAsync(bed.Mia, plain, Ct));
        var row = (await bed.Lists.ListAsync(bed.Mia, Ct)).Single(c => c.Id == bed.GroupId);
        Assert.True(notifications.IsMuted(row.MutedUntilUtc));

        await notifications.MuteAsync(bed.Mia, bed.GroupId, null, Ct);
        Assert.NotNull(await notifications.ForAsync(bed.Mia, plain, Ct));
    }

    [Fact]
    public async Task Only_members_mute_a_conversation()
    {
        await using var bed = await ChatTestBed.CreateAsync();
        var notifications = bed.Services.Get<NotificationService>();

        await Assert.ThrowsAsync<NotAMemberException>(() => notifications.MuteAsync(bed.Carol, bed.ConversationId, MuteFor.OneWeek, Ct));
        await Assert.ThrowsAsync<NotAMemberException>(() => notifications.MutedUntilAsync(bed.Carol, bed.ConversationId, Ct));
        Assert.Null(await notifications.MutedUntilAsync(bed.Alice, bed.ConversationId, Ct));
    }
}
