using System.Text;
using System.Text.RegularExpressions;
using BlazorMessenger.Features.Chat;

namespace BlazorMessenger.Features.Hooks;

/// <summary>
/// Slack's mrkdwn in the app's markdown (see MessageFormat): "*bold*" would read as italic here, "_italic_" as text,
/// and "&lt;https://x|docs&gt;" as nothing, so notifiers' posts are rewritten to mean what Slack shows. The app has no
/// labelled links, so a label keeps its address beside it ("docs (https://x)"); a mail address shows as itself, and
/// other schemes keep only their label.
/// Code is kept as written, and the result never holds a mention token: only the endpoint makes those.
/// </summary>
public static partial class SlackText
{
    // Stand-ins while the text is rewritten: noncharacters never sent in text (they are taken out of the input), so
    // they cannot be confused with what the sender wrote.
    private const char Piece = '\uFDD0';
    private const char Bold = '\uFDD1';
    private const char Italic = '\uFDD2';
    private const char Strike = '\uFDD3';

    public static string ToMarkdown(string mrkdwn)
    {
        var text = mrkdwn.ReplaceLineEndings("\n").Replace(Piece.ToString(), "").Replace(Bold.ToString(), "")
            .Replace(Italic.ToString(), "").Replace(Strike.ToString(), "");
        var pieces = new List<(string Text, bool Fence)>();
        var working = Protected().Replace(text, match =>
        {
            pieces.Add(PieceOf(match));
            return Piece.ToString();
        });
        working = Shortcodes(working);
        working = Emphasis(working, '*', Bold);
        working = Emphasis(working, '_', Italic);
        working = Emphasis(working, '~', Strike);
        working = Unescape(WithLiteralStars(working));
        return Mentions.Neutralize(Assemble(working, pieces));
    }

    /// <summary>Text Slack shows as written (titles, footers, plain_text): only its escapes and shortcodes are read.</summary>
    public static string ToPlain(string text) =>
        Mentions.Neutralize(Shortcodes(Unescape(text.ReplaceLineEndings("\n"))));

    /// <summary>":rocket:" as 🚀; codes not in the table stay as written.</summary>
    private static string Shortcodes(string text) =>
        Shortcode().Replace(text, match => SlackEmoji.Of(match.Groups[1].Value) ?? match.Value);

    private static (string, bool) PieceOf(Match match)
    {
        if (match.Groups["fence"].Success)
        {
            var code = match.Groups["fence"].Value;
            code = code.StartsWith('\n') ? code[1..] : code;
            return ("```\n" + Unescape(code.EndsWith('\n') ? code[..^1] : code) + "\n```", true);
        }

        if (match.Groups["code"].Success)
        {
            return (Unescape(match.Value), false);
        }

        if (match.Groups["url"].Success)
        {
            return (Unescape(match.Value), false);
        }

        return (Token(match.Groups["token"].Value), false);
    }

    /// <summary>
    /// Slack's emphasis: the mark at a word's edge, not inside one ("snake_case_name" is no italic), hugging its text,
    /// on one line, with no other such mark inside. Each pair becomes a stand-in, so "*_x_*" nests and no later pass
    /// reads another's output. One pass: a mark that cannot close a pending one ends it, as a mark cannot sit inside.
    /// </summary>
    private static string Emphasis(string text, char mark, char standIn)
    {
        var chars = text.ToCharArray();
        var pending = -1;
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] == '\n')
            {
                pending = -1;
            }
            else if (chars[i] == mark)
            {
                var before = i > 0 ? chars[i - 1] : ' ';
                var after = i + 1 < chars.Length ? chars[i + 1] : ' ';
                if (pending >= 0 && !char.IsWhiteSpace(before) && before != mark && !char.IsLetterOrDigit(after) && after != mark)
                {
                    chars[pending] = chars[i] = standIn;
                    pending = -1;
                }
                else
                {
                    var opens = i == 0 || (!char.IsLetterOrDigit(before) && before != mark);
                    pending = opens && i + 1 < chars.Length && !char.IsWhiteSpace(after) && after != mark ? i : -1;
                }
            }
        }

        return new string(chars);
    }

    private static string Unescape(string text) =>
        text.Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal)
            .Replace("&amp;", "&", StringComparison.Ordinal);

    /// <summary>The stand-ins as the app's markdown, and the pieces back in their places, a fence on lines of its own.</summary>
    private static string Assemble(string working, List<(string Text, bool Fence)> pieces)
    {
        var result = new StringBuilder(working.Length + pieces.Sum(p => p.Text.Length));
        var next = 0;
        for (var i = 0; i < working.Length; i++)
        {
            switch (working[i])
            {
                case Bold:
                    result.Append("**");
                    break;
                case Italic:
                    result.Append('*');
                    break;
                case Strike:
                    result.Append("~~");
                    break;
                case Piece when pieces[next++] is var (piece, fence):
                    if (fence && result.Length > 0 && result[^1] != '\n')
                    {
                        result.Append('\n');
                    }

                    result.Append(piece);
                    if (fence && i + 1 < working.Length && working[i + 1] != '\n')
                    {
                        result.Append('\n');
                    }

                    break;
                default:
                    result.Append(working[i]);
                    break;
            }
        }

        return result.ToString();
    }

    /// <summary>
    /// What must not be read as text: code (``` fences first, then `spans`, on one line), "&lt;…&gt;" tokens, and bare
    /// addresses (whose "_" and "*" are no emphasis; a closing mark or sentence's end after one is not part of it).
    /// </summary>
    [GeneratedRegex(@"```(?<fence>[\s\S]+?)```|(?<code>`[^`\n]+`)|<(?<token>[^<>\n]+)>|(?<url>(?:https?://|mailto:)(?:(?!&[lg]t;)[^\s<>*])*(?:(?!&[lg]t;)[^\s<>*.,;:!?)'""_~]))",
        RegexOptions.IgnoreCase)]
    private static partial Regex Protected();

    [GeneratedRegex(@":([a-z0-9_+\-]{1,40}):")]
    private static partial Regex Shortcode();

    /// <summary>
    /// Asterisks Slack shows as typed ("2*3*4", "**/*.cs") could pair up as emphasis here: when two runs could, they
    /// become the look-alike "∗". A run alone between spaces (or a "* " bullet) is left, as nothing reads it as emphasis.
    /// </summary>
    private static string WithLiteralStars(string text)
    {
        var runs = StarRuns().Matches(text).Where(run =>
            (run.Index > 0 && !char.IsWhiteSpace(text[run.Index - 1]))
            || (run.Index + run.Length < text.Length && !char.IsWhiteSpace(text[run.Index + run.Length]))).ToList();
        if (runs.Count < 2)
        {
            return text;
        }

        var chars = text.ToCharArray();
        foreach (var run in runs)
        {
            chars.AsSpan(run.Index, run.Length).Fill('∗');
        }

        return new string(chars);
    }

    [GeneratedRegex(@"\*+")]
    private static partial Regex StarRuns();
}
