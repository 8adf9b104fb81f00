using AngleSharp.Dom;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Chat.Format;
using Bunit;

namespace BlazorMessenger.Tests.Features.Chat.Format;

/// <summary>Renders a body as the bubble does, in its ".bm-body", and checks what came out against the allow-list.</summary>
internal static class FormatHost
{
    public const string LinkRel = "noopener noreferrer nofollow ugc";

    private static readonly HashSet<string> Tags =
        ["div", "p", "br", "em", "strong", "del", "code", "pre", "blockquote", "ul", "ol", "li", "a", "span"];

    private static readonly HashSet<(string, string)> Attributes =
        [("div", "class"), ("span", "class"), ("a", "href"), ("a", "target"), ("a", "rel"), ("ol", "start")];

    /// <summary>Who is who: "bob-1" and everyone are members, anyone else has left.</summary>
    public static Mentioned People(string userId) => userId switch
    {
        "bob-1" => new("@Bob", "bob", true),
        Mentions.All => new("@all", Mentions.All, true),
        _ => new("@carol", "carol", false),
    };

    public static IElement Show(this BunitContext context, string body, Func<string, Mentioned>? mention = null) =>
        context.Render(b =>
        {
            b.OpenElement(0, "div");
            b.AddAttribute(1, "class", "bm-body");
            b.AddContent(2, MessageFormat.Render(body, mention));
            b.CloseElement();
        }).Find(".bm-body");

    /// <summary>Only allowed tags and attributes, no event handler, and links only to http(s) and mailto.</summary>
    public static void AssertSafe(IElement body)
    {
        foreach (var element in body.QuerySelectorAll("*"))
        {
            Assert.Contains(element.LocalName, Tags);
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"{element.LocalName} has {attribute.Name}");
                Assert.Contains((element.LocalName, attribute.Name), Attributes);
            }

            if (element.LocalName == "a")
            {
                Assert.Matches("^(https?://|mailto:)", element.GetAttribute("href") ?? "");
                Assert.Equal(("_blank", LinkRel), (element.GetAttribute("target"), element.GetAttribute("rel")));
            }

            if (element.LocalName is "div" or "span")
            {
                Assert.Contains(element.ClassName, new[] { "bm-md", "bm-mention" });
            }
        }
    }
}
