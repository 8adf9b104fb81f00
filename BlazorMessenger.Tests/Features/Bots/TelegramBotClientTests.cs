using BlazorMessenger.Features.Bots.Api;
using BlazorMessenger.Tests.TestSupport;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace BlazorMessenger.Tests.Features.Bots;

/// <summary>Telegram.Bot (NuGet), unmodified, pointed at the app: what a .NET bot does against it.</summary>
[Collection(IntegrationsCollection.Name)]
public sealed class TelegramBotClientTests(IntegrationsApp app)
{
    private TelegramBotClient Client(string token) => new(new TelegramBotClientOptions(token, app.BaseUrl));

    [Fact]
    public async Task An_echo_bot_hears_a_direct_message_and_answers_into_the_chat()
    {
        var ct = TestContext.Current.CancellationToken;
        var (aliceId, alice) = await app.PersonAsync("alice");
        var (botId, botName, token) = await app.BotAsync(aliceId);
        var bot = Client(token);

        var me = await bot.GetMe(ct);
        Assert.True(me.IsBot);
        Assert.Equal(botName, me.Username);
        Assert.Equal("Echo", me.FirstName);
        Assert.Equal(long.Parse(token.Split(':')[0]), me.Id);

        var chatId = await app.WriteToBotAsync(aliceId, botName, "hello /start https://example.com");
        var updates = await bot.GetUpdates(offset: 0, timeout: 5, cancellationToken: ct);
        var update = Assert.Single(updates);
        Assert.Equal(UpdateType.Message, update.Type);
        var heard = update.Message!;
        Assert.Equal("hello /start https://example.com", heard.Text);
        Assert.Equal(ChatType.Private, heard.Chat.Type);
        Assert.Equal(await app.NumberOfAsync(aliceId), heard.Chat.Id);
        Assert.Equal(alice, heard.From!.Username);
        Assert.False(heard.From.IsBot);
        Assert.Contains(heard.Entities!, e => e.Type == MessageEntityType.Url && e.Offset == 13);

        var answer = await bot.SendMessage(heard.Chat.Id, "*echo:* hello", ParseMode.MarkdownV2, replyParameters: heard.MessageId, cancellationToken: ct);
        Assert.Equal("echo: hello", answer.Text);
        Assert.Equal(heard.MessageId, answer.ReplyToMessage!.MessageId);
        var stored = (await app.MessagesAsync(chatId)).Last();
        Assert.Equal(botId, stored.SenderId);
        Assert.Equal("**echo:** hello", stored.Body);

        // The offset confirms the first update: the next poll waits and comes back empty.
        Assert.Empty(await bot.GetUpdates(offset: update.Id + 1, timeout: 0, cancellationToken: ct));
    }

    [Fact]
    public async Task A_long_poll_answers_as_soon_as_a_message_is_written()
    {
        var ct = TestContext.Current.CancellationToken;
        var (aliceId, _) = await app.PersonAsync("alice");
        var (botId, botName, token) = await app.BotAsync(aliceId);
        var chatId = await app.WriteToBotAsync(aliceId, botName, "first");
        var bot = Client(token);
        var first = Assert.Single(await bot.GetUpdates(timeout: 0, cancellationToken: ct));

        var polling = bot.GetUpdates(offset: first.Id + 1, timeout: 30, cancellationToken: ct);
        await Eventually.TrueAsync(() => app.Get<BotPolls>().IsWaiting(botId), "The poll waiting");
        Assert.False(polling.IsCompleted);
        await app.SendAsync(aliceId, chatId, "second");
        var second = Assert.Single(await polling.WaitAsync(TimeSpan.FromSeconds(10), ct));
        Assert.Equal("second", second.Message!.Text);
    }

    [Fact]
    public async Task Wrong_and_replaced_tokens_are_refused_with_401()
    {
        var ct = TestContext.Current.CancellationToken;
        var (aliceId, _) = await app.PersonAsync("alice");
        var (botId, _, token) = await app.BotAsync(aliceId);

        var wrong = await Assert.ThrowsAsync<ApiRequestException>(() => Client(token[..^2] + "xx").GetMe(ct));
        Assert.Equal(401, wrong.ErrorCode);
        Assert.Equal("Unauthorized", wrong.Message);

        var renewed = await app.Get<BlazorMessenger.Features.Bots.BotService>().RegenerateTokenAsync(aliceId, botId, ct);
        var old = await Assert.ThrowsAsync<ApiRequestException>(() => Client(token).GetMe(ct));
        Assert.Equal(401, old.ErrorCode);
        Assert.True((await Client(renewed.Value!.Token).GetMe(ct)).IsBot);
    }

    [Fact]
    public async Task A_bot_cannot_write_to_someone_who_never_wrote_to_it()
    {
        var ct = TestContext.Current.CancellationToken;
        var (aliceId, _) = await app.PersonAsync("alice");
        var (bobId, _) = await app.PersonAsync("bob");
        var (_, _, token) = await app.BotAsync(aliceId);

        var bob = await app.NumberOfAsync(bobId);
        var refused = await Assert.ThrowsAsync<ApiRequestException>(() => Client(token).SendMessage(bob, "hi", cancellationToken: ct));
        Assert.Equal(403, refused.ErrorCode);
        Assert.Equal("Forbidden: bot can't initiate conversation with a user", refused.Message);

        var nowhere = await Assert.ThrowsAsync<ApiRequestException>(() => Client(token).SendMessage(-987654321, "hi", cancellationToken: ct));
        Assert.Equal(400, nowhere.ErrorCode);
        Assert.Equal("Bad Request: chat not found", nowhere.Message);
    }
}
