using System.Text.Json;
using System.Text.Json.Serialization;

namespace BlazorMessenger.Features.Hooks;

/// <summary>
/// What a webhook post carries beside its text, stored as JSON in the message. As: the payload's "username" override
/// (trimmed, at most 64 characters, no bidi controls). Icon: its "icon_emoji" as the emoji, when the shortcode is known.
/// An "icon_url" is not kept: fetching it would let a hook make the server, or every reader, call any address.
/// TextHidden: the message text only summarizes the boxes (for previews and notifications), so the bubble shows the boxes.
/// </summary>
public sealed record MessageCard(string? As, string? Icon, bool TextHidden, IReadOnlyList<CardBox> Boxes)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string ToJson(MessageCard card) => JsonSerializer.Serialize(card, Options);

    /// <summary>The stored card; null for none, or for a column that does not hold one (the message then shows its text).</summary>
    public static MessageCard? FromJson(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<MessageCard>(json, Options) is { Boxes: not null } card ? card : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>
/// One attachment (or all of a post's blocks) as a box. Color: a hex colour, "#rgb" or "#rrggbb", checked before it was
/// kept (it goes into a style attribute); null for none. Pretext: markdown shown above the box.
/// </summary>
public sealed record CardBox(string? Color, string? Pretext, IReadOnlyList<CardItem> Items);

/// <summary>A line of a box, in the order Slack shows an attachment's parts. Links are http(s) or mailto, or absent.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(CardAuthor), "author")]
[JsonDerivedType(typeof(CardTitle), "title")]
[JsonDerivedType(typeof(CardText), "text")]
[JsonDerivedType(typeof(CardFields), "fields")]
[JsonDerivedType(typeof(CardImage), "image")]
[JsonDerivedType(typeof(CardDivider), "divider")]
[JsonDerivedType(typeof(CardContext), "context")]
[JsonDerivedType(typeof(CardFooter), "footer")]
public abstract record CardItem;

/// <summary>Who the attachment is about or from: plain text.</summary>
public sealed record CardAuthor(string Text, string? Link) : CardItem;

/// <summary>An attachment's title or a header block: plain text.</summary>
public sealed record CardTitle(string Text, string? Link) : CardItem;

public sealed record CardText(string Markdown) : CardItem;

/// <summary>Short fields sit two to a row, as Slack lays them out.</summary>
public sealed record CardFields(IReadOnlyList<CardField> Fields) : CardItem;

/// <summary>Title: plain text, absent for a section block's fields. Value: markdown.</summary>
public sealed record CardField(string? Title, string Value, bool Short);

/// <summary>An image shown as a link, never loaded: an address a hook gives must not make readers' browsers call it.</summary>
public sealed record CardImage(string Link, string? Label) : CardItem;

public sealed record CardDivider : CardItem;

/// <summary>A context block's small print.</summary>
public sealed record CardContext(string Markdown) : CardItem;

/// <summary>Plain text, the moment the attachment is about ("ts"), or both.</summary>
public sealed record CardFooter(string? Text, DateTime? Time) : CardItem;
