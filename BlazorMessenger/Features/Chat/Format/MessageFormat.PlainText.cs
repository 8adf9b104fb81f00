using System.Runtime.CompilerServices;
using System.Text;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace BlazorMessenger.Features.Chat.Format;

public static partial class MessageFormat
{
    /// <summary>The document's text, blocks on lines of their own, list items with simple markers.</summary>
    private static string PlainTextOf(MarkdownDocument document)
    {
        var text = new StringBuilder();
        WriteBlocks(text, document);
        return text.ToString();
    }

    private static void WriteBlocks(StringBuilder text, ContainerBlock container)
    {
        for (var i = 0; i < container.Count; i++)
        {
            if (i > 0)
            {
                text.Append('\n');
            }

            WriteBlock(text, container[i]);
        }
    }

    private static void WriteBlock(StringBuilder text, Block block)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (block)
        {
            case ParagraphBlock { Inline: { } inline }:
                WriteInlines(text, inline);
                break;
            case FencedCodeBlock code:
                text.Append(code.Lines.ToString());
                break;
            case ThematicBreakBlock rule:
                text.Append(rule.Content.AsSpan().Trim());
                break;
            case ListBlock list:
                var number = list.IsOrdered && int.TryParse(list.OrderedStart, out var start) ? start : 1;
                for (var i = 0; i < list.Count; i++)
                {
                    text.Append(i > 0 ? "\n" : "").Append(list.IsOrdered ? $"{number++}{list.OrderedDelimiter} " : "- ");
                    WriteBlocks(text, (ContainerBlock)list[i]);
                }

                break;
            case ContainerBlock container:
                WriteBlocks(text, container);
                break;
        }
    }

    private static void WriteInlines(StringBuilder text, ContainerInline container)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        for (var inline = container.FirstChild; inline is not null; inline = inline.NextSibling)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    text.Append(literal.Content.AsSpan());
                    break;
                case CodeInline code:
                    text.Append(code.Content);
                    break;
                case LineBreakInline:
                    text.Append('\n');
                    break;
                case ContainerInline inner:
                    WriteInlines(text, inner);
                    break;
            }
        }
    }
}
