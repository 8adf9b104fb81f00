using System.Text.Json;

namespace BlazorMessenger.Features.Hooks;

public static partial class HookPayload
{
    /// <summary>
    /// A legacy attachment as a box, its parts in the order Slack draws them. Every text may hold mrkdwn: Slack reads
    /// it only where "mrkdwn_in" says, but Mattermost always does, and the notifiers write it either way.
    /// </summary>
    private static CardBox? Attachment(JsonElement attachment, CardBudget budget)
    {
        var pretext = budget.Take(Markdown(HookJson.String(attachment, "pretext")), CardBudget.Text);
        var items = new List<CardItem>();
        if (budget.Take(Plain(HookJson.String(attachment, "author_name")), CardBudget.Line) is { } author)
        {
            items.Add(new CardAuthor(author, CardBudget.Link(HookJson.String(attachment, "author_link"))));
        }

        if (budget.Take(Plain(HookJson.String(attachment, "title")), CardBudget.Line) is { } title)
        {
            items.Add(new CardTitle(title, CardBudget.Link(HookJson.String(attachment, "title_link"))));
        }

        if (budget.Take(Markdown(HookJson.String(attachment, "text")), CardBudget.Text) is { } text)
        {
            items.Add(new CardText(text));
        }

        var fields = HookJson.Objects(attachment, "fields", MaxFields)
            .Select(f => (Title: budget.Take(Plain(HookJson.Value(f, "title")), CardBudget.Line),
                Value: budget.Take(Markdown(HookJson.Value(f, "value")), CardBudget.Field), Short: HookJson.IsTrue(f, "short")))
            .Where(f => f.Title is not null || f.Value is not null)
            .Select(f => new CardField(f.Title, f.Value ?? "", f.Short))
            .ToList();
        if (fields.Count > 0)
        {
            items.Add(new CardFields(fields));
        }

        foreach (var name in (string[])["image_url", "thumb_url"])
        {
            if (CardBudget.Link(HookJson.String(attachment, name)) is { } image)
            {
                items.Add(new CardImage(image, null));
            }
        }

        items.AddRange(Blocks(HookJson.Objects(attachment, "blocks", MaxBlocks), budget));
        var footer = budget.Take(Plain(HookJson.String(attachment, "footer")), CardBudget.Line);
        if (footer is not null || HookJson.Time(attachment, "ts") is not null)
        {
            items.Add(new CardFooter(footer, HookJson.Time(attachment, "ts")));
        }

        return HasContent(items) || pretext is not null
            ? new CardBox(CardColor.Of(HookJson.String(attachment, "color")), pretext, items)
            : null;
    }

    private static string? Markdown(string? mrkdwn) => mrkdwn is null ? null : SlackText.ToMarkdown(mrkdwn);

    private static string? Plain(string? text) => text is null ? null : SlackText.ToPlain(text);
}
