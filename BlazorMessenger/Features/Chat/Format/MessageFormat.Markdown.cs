using Markdig;
using Markdig.Extensions.AutoLinks;
using Markdig.Extensions.EmphasisExtras;
using Markdig.Parsers;
using Markdig.Parsers.Inlines;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Renderers.Html.Inlines;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace BlazorMessenger.Features.Chat.Format;

public static partial class MessageFormat
{
    /// <summary>Chat needs a handful of levels; past this a message shows as typed (Markdig's own guard).</summary>
    private const int MaxNesting = 32;

    private static readonly MarkdownPipeline Pipeline = BuildPipeline();

    /// <summary>
    /// Only what chat uses: headings ("# hashtag"), breaks, indented code, markdown links and images (no remote
    /// images, no disguised links), entities ("&amp;amp;" shows as typed), backslash escapes (paths and ¯\_(ツ)_/¯ show
    /// as typed), "_" emphasis and raw HTML are all text. Chat newlines stay newlines.
    /// </summary>
    private static MarkdownPipeline BuildPipeline()
    {
        var builder = new MarkdownPipelineBuilder()
            .DisableHtml()
            .UseSoftlineBreakAsHardlineBreak()
            .UseEmphasisExtras(EmphasisExtraOptions.Strikethrough);
        builder.MaximumNestingDepth = MaxNesting;
        builder.BlockParsers.RemoveAll(p => p is not (QuoteBlockParser or ListBlockParser or FencedCodeBlockParser or ParagraphBlockParser));
        builder.BlockParsers.Replace<ParagraphBlockParser>(new ParagraphWithoutDefinitionsParser());
        builder.InlineParsers.RemoveAll(p => p is not (EmphasisInlineParser or CodeInlineParser or LineBreakInlineParser));
        builder.InlineParsers.Find<EmphasisInlineParser>()!.EmphasisDescriptors.RemoveAll(d => d.Character == '_');
        // Only http(s):// and mailto: start a link: not www., ftp:// or tel:.
        builder.InlineParsers.Add(new AutoLinkParser(new AutoLinkOptions()) { OpeningCharacters = ['h', 'm'] });
        builder.Extensions.Add(new TextForTheRestExtension());
        return builder.Build();
    }

    private static bool IsAllowedUrl(string? url) =>
        url is not null
        && (url.StartsWith("https://", StringComparison.Ordinal) || url.StartsWith("http://", StringComparison.Ordinal)
            || url.StartsWith("mailto:", StringComparison.Ordinal))
        && !url.AsSpan().ContainsAnyInRange(FirstPlaceholder, LastPlaceholder);

    /// <summary>Whether anything would show: "&gt;", "-" or "```" alone make empty blocks, and are shown as typed instead.</summary>
    private static bool HasText(MarkdownDocument document) =>
        document.Descendants().Any(o => o is LiteralInline or CodeInline or ThematicBreakBlock or FencedCodeBlock { Lines.Count: > 0 });

    /// <summary>
    /// Without markdown links, "[1]: https://…" is a line of text, not a link definition that would vanish. Closing
    /// otherwise does what the base class does.
    /// </summary>
    private sealed class ParagraphWithoutDefinitionsParser : ParagraphBlockParser
    {
        public ParagraphWithoutDefinitionsParser() => ParseSetextHeadings = false;

        public override bool Close(BlockProcessor processor, Block block)
        {
            if (block is ParagraphBlock paragraph)
            {
                ref var lines = ref paragraph.Lines;
                for (var i = 0; i < lines.Count; i++)
                {
                    lines.Lines[i].Slice.TrimStart();
                }

                lines.Lines[lines.Count - 1].Slice.TrimEnd();
            }

            return true;
        }
    }

    private sealed class TextForTheRestExtension : IMarkdownExtension
    {
        public void Setup(MarkdownPipelineBuilder pipeline)
        {
        }

        public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
        {
            if (renderer is HtmlRenderer html)
            {
                html.ObjectRenderers.Replace<LinkInlineRenderer>(new AllowedLinkRenderer());
                html.ObjectRenderers.Replace<ThematicBreakRenderer>(new ThematicBreakAsTextRenderer());
            }
        }
    }

    /// <summary>A link whose address is not allowed, or would carry a mention's placeholder, is written as its text.</summary>
    private sealed class AllowedLinkRenderer : LinkInlineRenderer
    {
        protected override void Write(HtmlRenderer renderer, LinkInline link)
        {
            if (link.IsAutoLink && IsAllowedUrl(link.Url))
            {
                // A look-alike host shows (and opens) in ASCII, text and address alike.
                if (LinkHost.Shown(link.Url!) is var shown && shown != link.Url && link.FirstChild is LiteralInline text)
                {
                    link.Url = shown;
                    text.Content = new Markdig.Helpers.StringSlice(LinkHost.Shown(text.Content.ToString()));
                }

                base.Write(renderer, link);
            }
            else
            {
                renderer.WriteChildren(link);
            }
        }
    }

    /// <summary>Lists still read "***" or "- - -" as a break (there is no break parser to leave it to): it stays text.</summary>
    private sealed class ThematicBreakAsTextRenderer : HtmlObjectRenderer<ThematicBreakBlock>
    {
        protected override void Write(HtmlRenderer renderer, ThematicBreakBlock block)
        {
            renderer.Write("<p>");
            renderer.WriteEscape(block.Content.AsSpan().Trim());
            renderer.WriteLine("</p>");
        }
    }
}
