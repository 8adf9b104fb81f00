using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace BlazorMessenger.Features.Chat;

/// <summary>
/// How a message body shows: a safe subset of Markdown (*italic*, **bold**, ~~strike~~, `code`, fenced code, quotes,
/// lists) and http(s)/mailto links, with each mention as a chip. Raw HTML never passes: Markdig escapes it, and what
/// Markdig made goes through an allow-list sanitizer. A body without formatting renders as text, as it always did.
/// </summary>
public static partial class MessageFormat
{
    /// <summary>The body as the bubble shows it; mention says how each mention shows (null: tokens stay as stored).</summary>
    public static RenderFragment Render(string body, Func<string, Mentioned>? mention) => builder =>
    {
        if (IsPlain(body) || ToHtml(body, mention) is not { } html)
        {
            RenderPlain(builder, body, mention);
            return;
        }

        builder.OpenElement(10, "div");
        builder.AddAttribute(11, "class", "bm-md");
        builder.AddMarkupContent(12, html);
        builder.CloseElement();
    };

    /// <summary>
    /// The text without its formatting, for previews, notifications and quotes. Mention tokens stay as they are: the
    /// caller decodes them.
    /// </summary>
    public static string ToPlainText(string body) => IsPlain(body) ? body : PlainTextOf(body) ?? body;

    private static readonly SearchValues<char> InlineMarks = SearchValues.Create("*`");
    private static readonly SearchValues<string> Openers =
        SearchValues.Create(["~~", "http://", "https://", "mailto:"], StringComparison.Ordinal);

    /// <summary>
    /// Nothing in it that the pipeline could read as formatting. Errs towards "not plain": that only costs a parse.
    /// </summary>
    internal static bool IsPlain(string body)
    {
        var text = body.AsSpan();
        if (text.ContainsAny(InlineMarks) || text.IndexOfAny(Openers) >= 0)
        {
            return false;
        }

        foreach (var line in text.EnumerateLines())
        {
            if (OpensBlock(line.TrimStart()))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A quote ("&gt;"), or a list item ("-", "+", "1." or "1)" followed by a space or the line's end).</summary>
    private static bool OpensBlock(ReadOnlySpan<char> line)
    {
        if (line.IsEmpty)
        {
            return false;
        }

        if (line[0] == '>')
        {
            return true;
        }

        var digits = line.IndexOfAnyExceptInRange('0', '9');
        var marker = line[0] is '-' or '+' ? 1
            : digits is > 0 and <= 9 && line[digits] is '.' or ')' ? digits + 1
            : 0;
        return marker > 0 && (marker == line.Length || line[marker] is ' ' or '\t');
    }

    /// <summary>As the bubble always rendered text: text nodes, and a chip for each mention of a member.</summary>
    private static void RenderPlain(RenderTreeBuilder builder, string body, Func<string, Mentioned>? mention)
    {
        if (mention is null || !body.Contains("<@", StringComparison.Ordinal))
        {
            builder.AddContent(0, body);
            return;
        }

        foreach (var (text, userId) in Mentions.Split(body))
        {
            if (userId is null)
            {
                builder.AddContent(1, text);
            }
            else if (mention(userId) is { IsMember: true } chip)
            {
                builder.OpenElement(2, "span");
                builder.AddAttribute(3, "class", "bm-mention");
                builder.AddContent(4, chip.Text);
                builder.CloseElement();
            }
            else
            {
                builder.AddContent(5, mention(userId).Text);
            }
        }
    }

    // Private-use characters: Markdig and the sanitizer treat them as letters, so a mention keeps its place inside
    // bold, lists or quotes, and a token's "<" and ">" never meet the parser.
    private const char FirstPlaceholder = '\uE000';
    private const char LastPlaceholder = '\uF8FF';

    /// <summary>
    /// The body with each mention, and each private-use character someone typed, replaced by a placeholder standing
    /// for pieces[n]; null when there are more than placeholders.
    /// </summary>
    private static string? WithPlaceholders(string body, List<(string Text, string? UserId)> pieces)
    {
        var text = new StringBuilder(body.Length);
        foreach (var (piece, userId) in Mentions.Split(body))
        {
            if (userId is not null)
            {
                pieces.Add((piece, userId));
                text.Append((char)(FirstPlaceholder + pieces.Count - 1));
                continue;
            }

            foreach (var c in piece)
            {
                if (c is >= FirstPlaceholder and <= LastPlaceholder)
                {
                    pieces.Add((c.ToString(), null));
                    text.Append((char)(FirstPlaceholder + pieces.Count - 1));
                }
                else
                {
                    text.Append(c);
                }
            }
        }

        return pieces.Count > LastPlaceholder - FirstPlaceholder + 1 ? null : text.ToString();
    }

    /// <summary>
    /// Puts the pieces back in the sanitized markup, and drops the line breaks Markdig writes between tags: the body
    /// keeps white-space: pre-wrap (so spaces show as typed), where they would show as empty lines. The sanitizer
    /// escapes every "&lt;" of the text, so "&lt;pre" is a tag, and a placeholder can only stand in text: links that
    /// would carry one are written as text, and no other attribute holds text.
    /// </summary>
    private static string Restore(string html, List<(string Text, string? UserId)> pieces, Func<string, Mentioned>? mention)
    {
        var result = new StringBuilder(html.Length + pieces.Count * 48);
        var inPre = false;
        for (var i = 0; i < html.Length; i++)
        {
            var c = html[i];
            if (c == '<')
            {
                var rest = html.AsSpan(i);
                inPre = rest.StartsWith("<pre", StringComparison.Ordinal) || (inPre && !rest.StartsWith("</pre", StringComparison.Ordinal));
            }

            if (c == '\n' && !inPre)
            {
                continue;
            }

            if (c is < FirstPlaceholder or > LastPlaceholder)
            {
                result.Append(c);
                continue;
            }

            var (text, userId) = pieces[c - FirstPlaceholder];
            var shown = userId is null || mention is null ? null : mention(userId);
            if (shown is { IsMember: true })
            {
                result.Append("<span class=\"bm-mention\">").Append(HtmlEncoder.Default.Encode(shown.Text)).Append("</span>");
            }
            else
            {
                result.Append(HtmlEncoder.Default.Encode(shown?.Text ?? text));
            }
        }

        return result.ToString();
    }
}
