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
    /// <summary>Telegram.Bot waits out a 429 and tries again by itself unless told not to.</summary>
    private TelegramBotClient Client(string token, int retries = 3) => new(new TelegramBotClientOptions(token, app.BaseUrl) { RetryCount = retries });

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

    [Fact]
    public async Task A_webhook_bot_gets_each_update_posted_with_its_secret_even_after_a_failure_and_polling_is_refused_meanwhile()
    {
        var ct = TestContext.Current.CancellationToken;
        var (aliceId, _) = await app.PersonAsync("alice");
        var (_, botName, token) = await app.BotAsync(aliceId);
        var bot = Client(token);
        await using var hook = await WebhookReceiver.StartAsync(failFirst: 1);

        await bot.SetWebhook(hook.Url, secretToken: "s3cret-token", cancellationToken: ct);
        var info = await bot.GetWebhookInfo(ct);
        Assert.Equal(hook.Url, info.Url);
        var polling = await Assert.ThrowsAsync<ApiRequestException>(() => bot.GetUpdates(cancellationToken: ct));
        Assert.Equal(409, polling.ErrorCode);

        var chatId = await app.WriteToBotAsync(aliceId, botName, "over the hook");
        var update = await hook.NextAsync();
        Assert.Equal("over the hook", update.Update.Message!.Text);
        Assert.Equal("s3cret-token", update.Secret);
        Assert.Equal("application/json", update.ContentType);
        Assert.Equal(2, hook.Posts);
        Assert.Contains("500", (await bot.GetWebhookInfo(ct)).LastErrorMessage);

        await bot.SendMessage(update.Update.Message.Chat.Id, "heard it", cancellationToken: ct);
        Assert.Equal("heard it", (await app.MessagesAsync(chatId)).Last().Body);
        Assert.Equal(0, (await bot.GetWebhookInfo(ct)).PendingUpdateCount);

        await bot.DeleteWebhook(cancellationToken: ct);
        Assert.Empty(await bot.GetUpdates(timeout: 0, cancellationToken: ct));
    }

    [Fact]
    public async Task A_bot_sends_a_photo_and_a_document_as_uploads_and_downloads_what_it_may_read_only()
    {
        var ct = TestContext.Current.CancellationToken;
        var (aliceId, _) = await app.PersonAsync("alice");
        var (_, botName, token) = await app.BotAsync(aliceId);
        var bot = Client(token);
        var chatId = await app.WriteToBotAsync(aliceId, botName, "send me things");
        var heard = Assert.Single(await bot.GetUpdates(timeout: 0, cancellationToken: ct)).Message!;

        await using var png = new MemoryStream(TestImages.Png());
        var photo = await bot.SendPhoto(heard.Chat.Id, InputFile.FromStream(png, "chart.png"), caption: "<b>the chart</b>", parseMode: ParseMode.Html, cancellationToken: ct);
        Assert.Equal("the chart", photo.Caption);
        var size = Assert.Single(photo.Photo!);
        await using var text = new MemoryStream("report body"u8.ToArray());
        var document = await bot.SendDocument(heard.Chat.Id, InputFile.FromStream(text, "report.txt"), cancellationToken: ct);
        Assert.Equal("report.txt", document.Document!.FileName);

        var file = await bot.GetFile(document.Document.FileId, ct);
        await using var downloaded = new MemoryStream();
        await bot.DownloadFile(file.FilePath!, downloaded, ct);
        Assert.Equal("report body", System.Text.Encoding.UTF8.GetString(downloaded.ToArray()));
        var stored = await app.MessagesAsync(chatId);
        Assert.Equal(["send me things", "**the chart**", ""], stored.Select(m => m.Body));

        var again = await bot.SendPhoto(heard.Chat.Id, InputFile.FromFileId(size.FileId), cancellationToken: ct);
        Assert.NotEqual(size.FileId, Assert.Single(again.Photo!).FileId);

        var (bobId, _) = await app.PersonAsync("bob");
        var (_, otherName, otherToken) = await app.BotAsync(bobId, "Other");
        await app.WriteToBotAsync(bobId, otherName, "hi");
        var other = Client(otherToken);
        var stranger = Assert.Single(await other.GetUpdates(timeout: 0, cancellationToken: ct)).Message!;
        var refused = await Assert.ThrowsAsync<ApiRequestException>(() => other.GetFile(document.Document.FileId, ct));
        Assert.Equal(400, refused.ErrorCode);
        var byUrl = await Assert.ThrowsAsync<ApiRequestException>(() => other.SendPhoto(stranger.Chat.Id, InputFile.FromUri("http://169.254.169.254/x.png"), cancellationToken: ct));
        Assert.Equal(400, byUrl.ErrorCode);
    }

    [Fact]
    public async Task A_bot_reacts_forwards_into_a_group_and_hears_reactions_when_it_asks_for_them()
    {
        var ct = TestContext.Current.CancellationToken;
        var (aliceId, _) = await app.PersonAsync("alice");
        var (botId, botName, token) = await app.BotAsync(aliceId);
        var bot = Client(token);
        var chatId = await app.WriteToBotAsync(aliceId, botName, "react to this");
        var heard = Assert.Single(await bot.GetUpdates(timeout: 0, allowedUpdates: [UpdateType.Message, UpdateType.MessageReaction], cancellationToken: ct));
        var answer = await bot.SendMessage(heard.Message!.Chat.Id, "done", cancellationToken: ct);

        await bot.SetMessageReaction(heard.Message.Chat.Id, heard.Message.MessageId, [new ReactionTypeEmoji { Emoji = "👍" }], cancellationToken: ct);
        var reacted = await app.Get<BlazorMessenger.Features.Chat.Reactions.ReactionService>().SetAsync(aliceId, answer.MessageId, "🎉", true, ct);
        Assert.Contains(reacted.Value!, r => r.Emoji == "🎉");
        var update = Assert.Single(await bot.GetUpdates(offset: heard.Id + 1, timeout: 5, cancellationToken: ct));
        Assert.Equal(UpdateType.MessageReaction, update.Type);
        Assert.Equal(answer.MessageId, update.MessageReaction!.MessageId);
        Assert.Equal("🎉", Assert.IsType<ReactionTypeEmoji>(Assert.Single(update.MessageReaction.NewReaction)).Emoji);
        Assert.Empty(update.MessageReaction.OldReaction);
        Assert.Equal(await app.NumberOfAsync(aliceId), update.MessageReaction.User!.Id);

        var groupId = await app.GroupAsync(aliceId, botName);
        var copy = await bot.ForwardMessage(-groupId, heard.Message.Chat.Id, heard.Message.MessageId, cancellationToken: ct);
        Assert.Equal(ChatType.Group, copy.Chat.Type);
        var stored = (await app.MessagesAsync(groupId)).Last();
        Assert.True(stored.Forwarded);
        Assert.Equal(("react to this", botId), (stored.Body, stored.SenderId));
        Assert.Contains((await app.MessagesAsync(chatId)).First().Id, await ReactedByAsync(botId, "👍"));
    }

    [Fact]
    public async Task A_bot_reads_its_chats_and_members_leaves_a_group_and_is_slowed_down_with_retry_after()
    {
        var ct = TestContext.Current.CancellationToken;
        var (aliceId, alice) = await app.PersonAsync("alice");
        var (bobId, bob) = await app.PersonAsync("bob");
        var (botId, botName, token) = await app.BotAsync(aliceId);
        var bot = Client(token, retries: 0);
        var groupId = await app.GroupAsync(aliceId, bob, botName);

        var group = await bot.GetChat(-groupId, ct);
        Assert.Equal((ChatType.Group, "Team"), (group.Type, group.Title));
        var owner = await bot.GetChatMember(-groupId, await app.NumberOfAsync(aliceId), ct);
        Assert.Equal((ChatMemberStatus.Creator, alice), (owner.Status, owner.User.Username));
        Assert.Equal(ChatMemberStatus.Member, (await bot.GetChatMember(-groupId, await app.NumberOfAsync(bobId), ct)).Status);
        Assert.Equal(alice, Assert.Single(await bot.GetChatAdministrators(-groupId, cancellationToken: ct)).User.Username);

        var refused = new List<ApiRequestException>();
        for (var i = 0; i < 25 && refused.Count == 0; i++)
        {
            try
            {
                await bot.SendMessage(-groupId, $"report {i}", cancellationToken: ct);
            }
            catch (ApiRequestException tooMany)
            {
                refused.Add(tooMany);
            }
        }

        var slowDown = Assert.Single(refused);
        Assert.Equal(429, slowDown.ErrorCode);
        Assert.True(slowDown.Parameters?.RetryAfter >= 1);
        Assert.StartsWith("Too Many Requests: retry after", slowDown.Message);

        await bot.LeaveChat(-groupId, ct);
        var gone = await Assert.ThrowsAsync<ApiRequestException>(() => bot.GetChat(-groupId, ct));
        Assert.Equal(403, gone.ErrorCode);
        var last = (await app.MessagesAsync(groupId)).Last();
        Assert.Equal(($"{botName} left", botId), (last.Body, last.SenderId));
    }

    [Fact]
    public async Task A_bots_typing_action_shows_on_the_persons_screens_under_its_name()
    {
        var ct = TestContext.Current.CancellationToken;
        var (aliceId, _) = await app.PersonAsync("alice");
        var (botId, botName, token) = await app.BotAsync(aliceId);
        var bot = Client(token);
        var chatId = await app.WriteToBotAsync(aliceId, botName, "think about it");
        var heard = Assert.Single(await bot.GetUpdates(timeout: 0, cancellationToken: ct)).Message!;
        using var alicesTab = new HubRecorder(app.Get<BlazorMessenger.Realtime.IMessengerHub>(), aliceId);

        await bot.SendChatAction(heard.Chat.Id, ChatAction.Typing, cancellationToken: ct);

        await Eventually.TrueAsync(() => alicesTab.OfType<BlazorMessenger.Realtime.TypingChanged>()
            .Any(t => t.ConversationId == chatId && t.Typists.Any(p => p.UserId == botId && p.Name == "Echo")), "Echo typing");
    }

    private async Task<List<long>> ReactedByAsync(string userId, string emoji)
    {
        await using var db = await app.Get<Microsoft.EntityFrameworkCore.IDbContextFactory<BlazorMessenger.Data.ApplicationDbContext>>().CreateDbContextAsync();
        return [.. db.Reactions.Where(r => r.UserId == userId && r.Emoji == emoji).Select(r => r.MessageId)];
    }
}
