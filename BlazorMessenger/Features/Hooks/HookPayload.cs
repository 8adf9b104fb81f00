using System.Text.Json;
using BlazorMessenger.Features.Chat.Format;

namespace BlazorMessenger.Features.Hooks;

/// <summary>
/// A Slack- or Mattermost-style incoming webhook payload (text, attachments, blocks, username and icon overrides) as
/// the app's message text and card. Pure: the endpoint decides where the post goes and who may send it.
/// </summary>
public static partial class HookPayload
{
    public const int MaxAttachments = 20;
    public const int MaxBlocks = 50;
    public const int MaxFields = 20;
    public const int MaxUserName = 64;

    /// <summary>The summary stands in for the card in previews and notifications: a line or two is enough.</summary>
    private const int MaxSummary = 500;

    private static readonly JsonDocumentOptions Reading = new() { MaxDepth = 32 };

    public static HookPayloadResult Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, Reading);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? Read(document.RootElement)
                : new(null, HookPayloadResult.InvalidPayload);
        }
        catch (JsonException)
        {
            return new(null, HookPayloadResult.InvalidPayload);
        }
    }

    private static HookPayloadResult Read(JsonElement payload)
    {
        var text = MessageText.Normalize(SlackText.ToMarkdown(HookJson.String(payload, "text") ?? ""));
        var userName = UserName(HookJson.String(payload, "username"));
        var icon = HookJson.String(payload, "icon_emoji") is { } emoji ? SlackEmoji.Of(emoji.Trim().Trim(':')) : null;
        var budget = new CardBudget();

        // Slack shows the blocks first, then the attachments.
        var boxes = new List<CardBox>();
        var blocks = Blocks(HookJson.Objects(payload, "blocks", MaxBlocks), budget);
        var blocksShown = HasContent(blocks);
        if (blocksShown)
        {
            boxes.Add(new CardBox(null, null, blocks));
        }

        var attachments = HookJson.Objects(payload, "attachments", MaxAttachments).ToList();
        foreach (var attachment in attachments)
        {
            if (Attachment(attachment, budget) is { } box)
            {
                boxes.Add(box);
            }
        }

        // As in Slack, a post's text only stands in for its blocks (in notifications) when it has them.
        var textHidden = text.Length == 0 || blocksShown;
        if (text.Length == 0)
        {
            text = Summary(attachments, boxes);
        }

        if (text.Length == 0)
        {
            return new(null, HookPayloadResult.NoText);
        }

        var card = userName is null && icon is null && boxes.Count == 0 ? null : new MessageCard(userName, icon, textHidden, boxes);
        return new(new HookPost(text, card), null);
    }

    /// <summary>The override shown in place of the hook's name: one line, without bidi controls, at most 64 characters.</summary>
    private static string? UserName(string? userName)
    {
        var line = string.Join(' ', (userName ?? "").Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries));
        var name = MessageText.Normalize(line);
        if (name.Length > MaxUserName)
        {
            name = name[..(char.IsHighSurrogate(name[MaxUserName - 1]) ? MaxUserName - 1 : MaxUserName)].TrimEnd();
        }

        return name.Length == 0 ? null : name;
    }

    /// <summary>The first attachment's fallback, else its pretext, title or text; else the first text the card shows.</summary>
    private static string Summary(List<JsonElement> attachments, List<CardBox> boxes)
    {
        foreach (var attachment in attachments)
        {
            foreach (var name in (string[])["fallback", "pretext", "title", "text"])
            {
                if (MessageText.Normalize(SlackText.ToMarkdown(HookJson.String(attachment, name) ?? "")) is { Length: > 0 } summary)
                {
                    return CardBudget.Cut(summary, MaxSummary);
                }
            }
        }

        var first = boxes.SelectMany(b => (b.Pretext is null ? b.Items : b.Items.Prepend(new CardText(b.Pretext))))
            .Select(TextOf).FirstOrDefault(t => t.Length > 0);
        return CardBudget.Cut(first ?? "", MaxSummary);
    }

    private static string TextOf(CardItem item) => item switch
    {
        CardTitle title => title.Text,
        CardText text => text.Markdown,
        CardAuthor author => author.Text,
        CardContext context => context.Markdown,
        CardFields fields => fields.Fields[0] is var field && field.Title is { } title ? $"{title}: {field.Value}" : field.Value,
        CardImage image => image.Label ?? image.Link,
        CardFooter footer => footer.Text ?? "",
        _ => "",
    };

    /// <summary>Whether the items show anything: a lone divider does not.</summary>
    private static bool HasContent(IReadOnlyList<CardItem> items) => items.Any(i => i is not CardDivider);
}
