using BlazorMessenger.Data;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Groups;
using BlazorMessenger.Tests.TestSupport;

namespace BlazorMessenger.Tests.Features.Bots;

/// <summary>telegraf 4.16 (npm), unmodified, as an echo bot polling the app: a direct chat, a group with privacy mode, an edit.</summary>
[Collection(IntegrationsCollection.Name)]
public sealed class TelegrafBotTests(IntegrationsApp app)
{
    private async Task<NodeClient> LaunchAsync(string token)
    {
        var bot = NodeClient.Start("telegraf-echo.js", new Dictionary<string, string> { ["BOT_TOKEN"] = token, ["API_ROOT"] = app.BaseUrl });
        await bot.WaitForLineAsync("ready");
        return bot;
    }

    /// <summary>Waits for the bot's message with this text in the conversation.</summary>
    private async Task<Message> AnswerAsync(long conversationId, string botId, string text)
    {
        Message? found = null;
        await Eventually.TrueAsync(async () =>
            (found = (await app.MessagesAsync(conversationId)).LastOrDefault(m => m.SenderId == botId && m.Body.Contains(text, StringComparison.Ordinal))) is not null,
            $"The bot's \"{text}\"");
        return found!;
    }

    [Fact]
    public async Task It_echoes_a_direct_message_as_a_reply_hears_an_edit_and_sends_a_photo_back()
    {
        var (aliceId, _) = await app.PersonAsync("alice");
        var (botId, botName, token) = await app.BotAsync(aliceId);
        await using var bot = await LaunchAsync(token);

        var chatId = await app.WriteToBotAsync(aliceId, botName, "hello");
        var hello = (await app.MessagesAsync(chatId)).Single(m => m.SenderId == aliceId);
        var echo = await AnswerAsync(chatId, botId, "echo: hello");
        Assert.Equal(hello.Id, echo.ReplyToId);

        var edited = await app.Get<MessageChangeService>().EditAsync(aliceId, hello.Id, "hello again", TestContext.Current.CancellationToken);
        Assert.True(edited.Succeeded, edited.Error);
        await AnswerAsync(chatId, botId, "edited: hello again");

        var sent = await app.Get<AttachmentService>().SendImageAsync(aliceId, chatId, Guid.NewGuid(), TestImages.Png(64, 48), null, ct: TestContext.Current.CancellationToken);
        Assert.True(sent.Succeeded, sent.Error);
        var photo = await AnswerAsync(chatId, botId, "64 wide");
        Assert.NotNull(photo.MediaId);
        Assert.DoesNotContain(bot.Lines, l => l.StartsWith("failed", StringComparison.Ordinal) || l.StartsWith("stderr", StringComparison.Ordinal));
    }

    [Fact]
    public async Task In_a_group_with_privacy_mode_it_hears_commands_mentions_and_replies_only_and_nothing_once_removed()
    {
        var (aliceId, _) = await app.PersonAsync("alice");
        var (bobId, bob) = await app.PersonAsync("bob");
        var (botId, botName, token) = await app.BotAsync(aliceId);
        await using var bot = await LaunchAsync(token);
        var groupId = await app.GroupAsync(aliceId, bob, botName);

        await app.SendAsync(aliceId, groupId, "chatter the bot must not hear");
        await app.SendAsync(aliceId, groupId, "/ping");
        await AnswerAsync(groupId, botId, "pong");
        await app.SendAsync(bobId, groupId, $"@{botName} are you there");
        var mentioned = await AnswerAsync(groupId, botId, "are you there");
        await app.SendAsync(bobId, groupId, "a reply to the bot", replyTo: mentioned.Id);
        await AnswerAsync(groupId, botId, "echo: a reply to the bot");
        Assert.DoesNotContain(await app.MessagesAsync(groupId), m => m.SenderId == botId && m.Body.Contains("chatter", StringComparison.Ordinal));

        var removed = await app.Get<GroupService>().RemoveMemberAsync(aliceId, groupId, botId, TestContext.Current.CancellationToken);
        Assert.True(removed.Succeeded, removed.Error);
        var unheard = await app.SendAsync(aliceId, groupId, "/ping");
        // Its next update comes after the group's: once it answers this, it would have answered the group already.
        await AnswerAsync(await app.WriteToBotAsync(bobId, botName, "hi"), botId, "echo: hi");
        Assert.DoesNotContain(await app.MessagesAsync(groupId), m => m.SenderId == botId && m.Seq > unheard.Seq);
    }
}
