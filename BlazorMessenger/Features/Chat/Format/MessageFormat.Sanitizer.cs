using AngleSharp.Dom;
using Ganss.Xss;

namespace BlazorMessenger.Features.Chat.Format;

public static partial class MessageFormat
{
    private const string LinkRel = "noopener noreferrer nofollow ugc";

    /// <summary>
    /// Shared by every circuit. Sanitize is thread-safe once configured (HtmlSanitizer's README, "Thread safety"): the
    /// options are set here once, and the handler only touches the nodes of the call's own document.
    /// </summary>
    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    /// <summary>A strict allow-list of what the pipeline makes: no CSS, no classes, no other tags or schemes.</summary>
    private static HtmlSanitizer CreateSanitizer()
    {
        var options = HtmlSanitizerOptions.Empty();
        options.AllowedTags.UnionWith(["p", "br", "em", "strong", "del", "code", "pre", "blockquote", "ul", "ol", "li", "a"]);
        options.AllowedAttributes.UnionWith(["href", "start"]);
        options.UriAttributes.Add("href");
        options.AllowedSchemes.UnionWith(["http", "https", "mailto"]);
        var sanitizer = new HtmlSanitizer(options) { KeepChildNodes = true };
        sanitizer.PostProcessNode += (_, e) => Finish(e.Node);
        return sanitizer;
    }

    /// <summary>
    /// Attributes are allowed per tag (the sanitizer allows them for all), and links open in a new tab, telling the
    /// page they open and search engines nothing.
    /// </summary>
    private static void Finish(INode node)
    {
        if (node is not IElement element)
        {
            return;
        }

        if (element.LocalName != "a")
        {
            element.RemoveAttribute("href");
        }

        if (element.LocalName != "ol")
        {
            element.RemoveAttribute("start");
        }

        if (element.LocalName == "a")
        {
            element.SetAttribute("target", "_blank");
            element.SetAttribute("rel", LinkRel);
        }
    }
}
