using BlazorMessenger.Data;
using BlazorMessenger.Features.Bots;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Chat.Pins;
using BlazorMessenger.Features.Chat.Reactions;
using BlazorMessenger.Features.Groups;
using BlazorMessenger.Features.Hooks;
using BlazorMessenger.Features.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorMessenger.Tests.TestSupport;

/// <summary>
/// A group chat that holds every kind of message people send, from both of its members, written through the app's own
/// services: the group's notices, text, markdown, a link, a mention, an image, a file, a voice note, reactions, a pinned,
/// an edited, a deleted and a forwarded message, a reply to each kind, a bot's messages and a webhook's. The accessibility tests
/// read it.
/// </summary>
public static class MessageKinds
{
    public const string Markdown = "**Bold** words, *slanted* ones, ~~struck~~ and `inline code`\n> a quoted line\n- first point\n- second point\n```\nfenced code\n```";

    public const string FileName = "quokka-plan.pdf";

    public const int VoiceMs = 12_300;

    /// <summary>Prometheus Alertmanager's Slack notification: attachments only, with a colour, a linked title and fields.</summary>
    public const string AlertPayload = """
        {"username":"Alertmanager","attachments":[{"title":"[FIRING:1] QuokkaHungry","title_link":"https://alerts.example.com/#/alerts",
         "text":"The quokka has not eaten for *6 hours*","fallback":"[FIRING:1] QuokkaHungry","color":"danger",
         "fields":[{"title":"severity","value":"critical","short":true},{"title":"enclosure","value":"east","short":true}],
         "footer":"Alertmanager","mrkdwn_in":["text"]}]}
        """;

    public const string DeployPayload = """{"text":"Deploy of *quokka-web* finished","username":"ci","icon_emoji":":rocket:"}""";

    /// <summary>The group, created by owner with member in it; answers its id. The last message is the owner's.</summary>
    public static async Task<long> SeedKindsGroupAsync(this BrowserFixture browser, string owner, string member)
    {
        var (ownerId, memberId) = (await browser.IdOfAsync(owner), await browser.IdOfAsync(member));
        var ct = TestContext.Current.CancellationToken;
        var services = browser.App.Services;
        var groups = services.GetRequiredService<GroupService>();
        var bot = Value(await services.GetRequiredService<BotService>().CreateAsync(ownerId, "Quokka Bot", BrowserPeople.NewUserName("q") + "_bot", ct)).Bot;
        var group = Value(await groups.CreateAsync(ownerId, "Quokka club", [member, bot.UserName], ct));
        Value(await groups.RenameAsync(ownerId, group, "Quokka fan club", ct));

        var theirs = await new Sender(services, memberId, group).KindsAsync($"@{owner}");
        var mine = await new Sender(services, ownerId, group).KindsAsync($"@{member}");
        await new Sender(services, memberId, group).RepliesAsync(mine);
        await new Sender(services, ownerId, group).RepliesAsync(theirs);

        var reactions = services.GetRequiredService<ReactionService>();
        foreach (var (who, message, emoji) in new[]
                 {
                     (memberId, theirs.Markdown, "👍"), (ownerId, theirs.Markdown, "👍"), (ownerId, theirs.Image, "😂"),
                     (memberId, mine.Text, "❤️"), (ownerId, mine.File, "🎉"),
                 })
        {
            Value(await reactions.SetAsync(who, message, emoji, add: true, ct));
        }

        // A bot's message, and its answer to one of the owner's: badged "bot" by its name.
        var chat = services.GetRequiredService<ChatService>();
        Value(await chat.SendAsync(bot.UserId, group, Guid.NewGuid(), "Build 1234 passed", ct: ct));
        Value(await chat.SendAsync(bot.UserId, group, Guid.NewGuid(), "Noted by the bot", replyToId: mine.Text, ct: ct));

        // An incoming webhook's posts: Alertmanager's card, and a text under the name it asks for (both badged "app").
        var hooks = services.GetRequiredService<HookService>();
        var key = Value(await hooks.CreateAsync(ownerId, group, "Quokka alerts", ct)).Path["hooks/".Length..];
        foreach (var payload in new[] { AlertPayload, DeployPayload })
        {
            Assert.Equal(HookAnswer.Ok, await hooks.PostAsync(key, HookPayload.Parse(payload).Post!, null, ct));
        }

        var pins = services.GetRequiredService<PinService>();
        Value(await pins.SetAsync(ownerId, theirs.Link, pin: true, ct));
        Value(await pins.SetAsync(ownerId, mine.Markdown, pin: true, ct));
        Value(await chat.SendAsync(ownerId, group, Guid.NewGuid(), "the last word", ct: ct));
        return group;
    }

    private static T Value<T>(ServiceResult<T> result) =>
        result.Succeeded ? result.Value! : throw new InvalidOperationException($"The fixture could not be written: {result.Error}");

    /// <summary>The ids of what one person sent, kind by kind.</summary>
    private sealed record Kinds(long Text, long Markdown, long Link, long Image, long File, long Voice);

    private sealed class Sender(IServiceProvider services, string userId, long conversationId)
    {
        private readonly CancellationToken ct = TestContext.Current.CancellationToken;
        private readonly ChatService chat = services.GetRequiredService<ChatService>();
        private readonly AttachmentService attachments = services.GetRequiredService<AttachmentService>();

        public async Task<Kinds> KindsAsync(string mention)
        {
            var text = await SendAsync("Plain words about the quokka");
            var markdown = await SendAsync(Markdown);
            var link = await SendAsync("The facts are at https://example.com/quokka-facts");
            await SendAsync($"{mention} have you seen this?");
            var image = Value(await attachments.SendImageAsync(userId, conversationId, Guid.NewGuid(), TestImages.Png(120, 80), "a picture 🙂", ct: ct)).Id;
            var file = await UploadAsync(new FileUpload(new MemoryStream(new byte[12_345]), FileName, "application/pdf"));
            var voice = await UploadAsync(new FileUpload(new MemoryStream(new byte[3_000]), null, "audio/webm;codecs=opus", MediaKind.Voice, VoiceMs));
            var changes = services.GetRequiredService<MessageChangeService>();
            Value(await changes.EditAsync(userId, await SendAsync("A typo that was fixd"), "A typo that was fixed", ct));
            Value(await changes.DeleteAsync(userId, await SendAsync("Something said in haste"), ct));
            var forwarded = Value(await services.GetRequiredService<ForwardService>().ForwardAsync(
                userId, text, [conversationId], Guid.NewGuid(), ct));
            Assert.All(forwarded, f => Assert.Null(f.Error));
            return new Kinds(text, markdown, link, image, file, voice);
        }

        /// <summary>An answer to each kind the other person sent.</summary>
        public async Task RepliesAsync(Kinds theirs)
        {
            foreach (var (id, words) in new[]
                     {
                         (theirs.Text, "Replying to words"), (theirs.Markdown, "Replying to markdown"), (theirs.Link, "Replying to a link"),
                         (theirs.Image, "Replying to a picture"), (theirs.File, "Replying to a file"), (theirs.Voice, "Replying to a voice note"),
                     })
            {
                Value(await chat.SendAsync(userId, conversationId, Guid.NewGuid(), words, replyToId: id, ct: ct));
            }
        }

        private async Task<long> SendAsync(string text) =>
            Value(await chat.SendAsync(userId, conversationId, Guid.NewGuid(), text, ct: ct)).Id;

        private async Task<long> UploadAsync(FileUpload upload) =>
            Value(await attachments.SendFileAsync(userId, conversationId, Guid.NewGuid(), upload, null, ct: ct)).Id;
    }
}
