using BlazorMessenger.Data;
using BlazorMessenger.Features.Bots;
using BlazorMessenger.Features.Chat;

namespace BlazorMessenger.Tests.Features.Bots;

public sealed class BotHearingTests
{
    private static readonly BotListener Private = new("bot", "echo_bot", PrivacyMode: true);

    [Theory]
    [InlineData("/start", true)]
    [InlineData("/start@echo_bot now", true)]
    [InlineData("/start@ECHO_BOT", true)]
    [InlineData("/start@other_bot", false)]
    [InlineData("hello /start", false)]
    [InlineData("plain chatter", false)]
    [InlineData("hi <@bot>", true)]
    [InlineData("hi <@all>", false)]
    public void In_a_group_with_privacy_mode_it_hears_commands_and_its_mentions(string body, bool heard) =>
        Assert.Equal(heard, BotHearing.Hears(Private, isGroup: true, "alice", senderIsBot: false, MessageKind.Text, body, null));

    [Fact]
    public void It_hears_replies_to_itself_everything_in_direct_chats_and_without_privacy_mode_but_never_bots_or_notices()
    {
        Assert.True(BotHearing.Hears(Private, true, "alice", false, MessageKind.Text, "sure", repliedToSenderId: "bot"));
        Assert.True(BotHearing.Hears(Private, false, "alice", false, MessageKind.Text, "anything", null));
        Assert.True(BotHearing.Hears(Private with { PrivacyMode = false }, true, "alice", false, MessageKind.Image, "", null));
        Assert.False(BotHearing.Hears(Private, false, "other", senderIsBot: true, MessageKind.Text, "/start", null));
        Assert.False(BotHearing.Hears(Private, false, "bot", false, MessageKind.Text, "/start", null));
        Assert.False(BotHearing.Hears(Private with { PrivacyMode = false }, true, "alice", false, MessageKind.System, "alice renamed the group", null));
    }
}
