using System.Text;
using System.Text.Json;
using BlazorMessenger.Features.Chat;

namespace BlazorMessenger.Features.Hooks;

public static partial class HookPayload
{
    /// <summary>Inline elements of one rich text part: a composer's message has a few dozen.</summary>
    private const int MaxRichElements = 200;

    /// <summary>
    /// Block Kit's layout blocks that carry something to read. Interactive ones (buttons, menus, inputs) are left out:
    /// nothing here could answer them.
    /// </summary>
    private static List<CardItem> Blocks(IEnumerable<JsonElement> blocks, CardBudget budget)
    {
        var items = new List<CardItem>();
        foreach (var block in blocks)
        {
            switch (HookJson.String(block, "type"))
            {
                case "header" when budget.Take(TextObject(HookJson.Object(block, "text"), plain: true), CardBudget.Line) is { } header:
                    items.Add(new CardTitle(header, null));
                    break;
                case "section":
                    Section(block, items, budget);
                    break;
                case "divider":
                    items.Add(new CardDivider());
                    break;
                case "context":
                    var texts = HookJson.Objects(block, "elements", 10).Select(e => TextObject(e, plain: false)).OfType<string>();
                    if (budget.Take(string.Join(" · ", texts.Where(t => t.Trim().Length > 0)), CardBudget.Text) is { } context)
                    {
                        items.Add(new CardContext(context));
                    }

                    break;
                case "image" when Image(block, budget) is { } image:
                    items.Add(image);
                    break;
                case "rich_text" when budget.Take(RichText(block), CardBudget.Text) is { } rich:
                    items.Add(new CardText(rich));
                    break;
            }
        }

        return items;
    }

    private static void Section(JsonElement block, List<CardItem> items, CardBudget budget)
    {
        if (budget.Take(TextObject(HookJson.Object(block, "text"), plain: false), CardBudget.Text) is { } text)
        {
            items.Add(new CardText(text));
        }

        var fields = HookJson.Objects(block, "fields", MaxFields)
            .Select(f => budget.Take(TextObject(f, plain: false), CardBudget.Field))
            .OfType<string>()
            .Select(value => new CardField(null, value, true))
            .ToList();
        if (fields.Count > 0)
        {
            items.Add(new CardFields(fields));
        }

        if (HookJson.Object(block, "accessory") is { } accessory && HookJson.String(accessory, "type") == "image"
            && Image(accessory, budget) is { } image)
        {
            items.Add(image);
        }
    }

    /// <summary>An image block or element: its address and what it shows (title, else alt text).</summary>
    private static CardImage? Image(JsonElement image, CardBudget budget) =>
        CardBudget.Link(HookJson.String(image, "image_url")) is { } link
            ? new CardImage(link, budget.Take(TextObject(HookJson.Object(image, "title"), plain: true)
                ?? Plain(HookJson.String(image, "alt_text")), CardBudget.Line))
            : null;

    /// <summary>
    /// A text object's text: "mrkdwn" as the app's markdown, "plain_text" as written. With plain set (headers, titles)
    /// mrkdwn is only unescaped, as those show as text. Other elements (images in a context) have none.
    /// </summary>
    private static string? TextObject(JsonElement? text, bool plain)
    {
        if (text is not { } value)
        {
            return null;
        }

        return HookJson.String(value, "type") switch
        {
            "mrkdwn" when !plain => Markdown(HookJson.String(value, "text")),
            "mrkdwn" or "plain_text" => Plain(HookJson.String(value, "text")),
            _ => null,
        };
    }

    /// <summary>
    /// A rich text block (what Slack's own composer sends) as markdown: sections, quotes, lists and code, with the
    /// styles, links, emoji and mentions of its elements.
    /// </summary>
    private static string RichText(JsonElement block)
    {
        var text = new StringBuilder();
        foreach (var element in HookJson.Objects(block, "elements", MaxBlocks))
        {
            var inner = HookJson.Objects(element, "elements", MaxRichElements).ToList();
            var part = HookJson.String(element, "type") switch
            {
                "rich_text_preformatted" => "```\n" + string.Concat(inner.Select(e => RichInline(e, styled: false))) + "\n```",
                "rich_text_quote" => "> " + string.Concat(inner.Select(e => RichInline(e))).Replace("\n", "\n> ", StringComparison.Ordinal),
                "rich_text_list" => string.Join('\n', inner.Select(item =>
                    "- " + string.Concat(HookJson.Objects(item, "elements", MaxRichElements).Select(e => RichInline(e))))),
                _ => string.Concat(inner.Select(e => RichInline(e))),
            };
            text.Append(text.Length > 0 ? "\n" : "").Append(part);
        }

        return Mentions.Neutralize(text.ToString());
    }

    /// <summary>A rich text element as markdown; in code (not styled) only its text.</summary>
    private static string RichInline(JsonElement element, bool styled = true)
    {
        var type = HookJson.String(element, "type");
        var shown = type switch
        {
            "text" => HookJson.String(element, "text") ?? "",
            "link" => CardBudget.Link(HookJson.String(element, "url")) is { } url
                ? HookJson.String(element, "text") is { Length: > 0 } label && label != url ? $"{label} ({url})" : url
                : HookJson.String(element, "text") ?? "",
            "emoji" => SlackEmoji.Of(HookJson.String(element, "name") ?? "") ?? $":{HookJson.String(element, "name")}:",
            "user" => "@" + HookJson.String(element, "user_id"),
            "usergroup" => "@" + HookJson.String(element, "usergroup_id"),
            "channel" => "#" + HookJson.String(element, "channel_id"),
            "broadcast" => "@" + Mentions.All,
            _ => "",
        };
        if (!styled || type != "text" || HookJson.Object(element, "style") is not { } style || shown.Trim().Length == 0)
        {
            return shown;
        }

        // Marks hug the text, or markdown would not read them: "bold " is "**bold** ".
        var core = shown.Trim();
        foreach (var (name, mark) in (ReadOnlySpan<(string, string)>)[("code", "`"), ("strike", "~~"), ("italic", "*"), ("bold", "**")])
        {
            core = HookJson.IsTrue(style, name) ? mark + core + mark : core;
        }

        return shown[..(shown.Length - shown.TrimStart().Length)] + core + shown[shown.TrimEnd().Length..];
    }
}
