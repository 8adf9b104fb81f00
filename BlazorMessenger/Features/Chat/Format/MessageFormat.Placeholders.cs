using System.Text;
using System.Text.Encodings.Web;

namespace BlazorMessenger.Features.Chat.Format;

public static partial class MessageFormat
{
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

    /// <summary>Each placeholder back as what it stood for (a mention as its token), for plain text.</summary>
    private static string RestoreText(string text, List<(string Text, string? UserId)> pieces)
    {
        var result = new StringBuilder(text.Length + pieces.Count * 40);
        foreach (var c in text)
        {
            result.Append(c is >= FirstPlaceholder and <= LastPlaceholder ? pieces[c - FirstPlaceholder].Text : c);
        }

        return result.ToString();
    }

    /// <summary>
    /// Puts the pieces back in the sanitized markup, and drops the line breaks Markdig writes between tags: the body
    /// keeps white-space: pre-wrap (so spaces show as typed), where they would show as empty lines. The sanitizer
    /// escapes every "&lt;" of the text, so "&lt;pre" is a tag, and a placeholder can only stand in text: links that
    /// would carry one are written as text, and no other attribute holds text.
    /// </summary>
    private static string RestoreMarkup(string html, List<(string Text, string? UserId)> pieces, Func<string, Mentioned>? mention)
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
