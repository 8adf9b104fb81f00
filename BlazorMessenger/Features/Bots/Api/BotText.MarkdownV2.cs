using System.Text;

namespace BlazorMessenger.Features.Bots.Api;

public static partial class BotText
{
    /// <summary>
    /// Telegram's MarkdownV2 (core.telegram.org/bots/api#markdownv2-style) to the app's Markdown: *bold*, _italic_,
    /// ~strike~, `code`, ```pre``` and &gt;quotes carry over, a [link](url) shows its address; __underline__ and ||spoilers|| have no look
    /// here and show as plain text. A reserved character left unescaped is taken as text (Telegram refuses it); a
    /// marker never closed is refused as Telegram does. legacy: the older "Markdown" mode (*bold*, _italic_, code, links).
    /// </summary>
    private static class MarkdownV2
    {
        private static readonly (string Marker, string Name, string Output)[] Styles =
        [
            ("||", "Spoiler", ""), ("__", "Underline", ""), ("*", "Bold", "**"), ("_", "Italic", "*"), ("~", "Strikethrough", "~~"),
        ];

        public static string Convert(string text, bool legacy = false)
        {
            var output = new StringBuilder(text.Length + 16);
            var open = new Stack<(string Marker, string Name, int At)>();

            for (var i = 0; i < text.Length;)
            {
                var c = text[i];
                if (c == '\\' && i + 1 < text.Length && (!legacy || text[i + 1] is '_' or '*' or '`' or '['))
                {
                    output.Append(text[i + 1]);
                    i += 2;
                }
                else if (c == '`')
                {
                    var fence = text.AsSpan(i).StartsWith("```");
                    var marker = fence ? "```" : "`";
                    var end = FindUnescaped(text, marker, i + marker.Length, legacy);
                    if (end < 0)
                    {
                        throw Unclosed(fence ? "Pre" : "Code", i);
                    }

                    var code = Unescape(text[(i + marker.Length)..end], legacy);
                    if (fence)
                    {
                        // As in Telegram, the first line after the fence names the language when more lines follow.
                        output.Append(output.Length == 0 || output[^1] == '\n' ? "" : "\n")
                            .Append("```").Append(code.Contains('\n') ? code.TrimEnd('\n') : "\n" + code).Append("\n```\n");
                    }
                    else
                    {
                        output.Append('`').Append(code).Append('`');
                    }

                    i = end + marker.Length;
                }
                else if (c == '[' && LinkAt(text, i) is { } link)
                {
                    output.Append(Link(Convert(link.Label, legacy), link.Url));
                    i = link.End;
                }
                else if (!legacy && c == '>' && (i == 0 || text[i - 1] == '\n'))
                {
                    output.Append("> ");
                    i++;
                }
                else if (StyleAt(text, i, legacy) is { } style)
                {
                    if (open.Count > 0 && open.Peek().Marker == style.Marker)
                    {
                        open.Pop();
                    }
                    else
                    {
                        open.Push((style.Marker, style.Name, i));
                    }

                    output.Append(style.Output);
                    i += style.Marker.Length;
                }
                else
                {
                    output.Append(c);
                    i++;
                }
            }

            return open.Count == 0 ? output.ToString() : throw Unclosed(open.Peek().Name, open.Peek().At);
        }

        private static (string Marker, string Name, string Output)? StyleAt(string text, int i, bool legacy)
        {
            foreach (var style in Styles)
            {
                if ((!legacy || style.Marker is "*" or "_") && text.AsSpan(i).StartsWith(style.Marker))
                {
                    return style;
                }
            }

            return null;
        }

        private static (string Label, string Url, int End)? LinkAt(string text, int i)
        {
            var close = FindUnescaped(text, "](", i + 1, legacy: false);
            var end = close < 0 ? -1 : FindUnescaped(text, ")", close + 2, legacy: false);
            return end < 0 ? null : (text[(i + 1)..close], Unescape(text[(close + 2)..end], legacy: false), end + 1);
        }

        private static int FindUnescaped(string text, string marker, int from, bool legacy)
        {
            for (var i = from; i <= text.Length - marker.Length; i++)
            {
                if (text[i] == '\\' && !legacy)
                {
                    i++;
                }
                else if (text.AsSpan(i).StartsWith(marker))
                {
                    return i;
                }
            }

            return -1;
        }

        private static string Unescape(string text, bool legacy)
        {
            if (legacy)
            {
                return text;
            }

            var plain = new StringBuilder(text.Length);
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] == '\\' && i + 1 < text.Length)
                {
                    i++;
                }

                plain.Append(text[i]);
            }

            return plain.ToString();
        }

        private static BotApiException Unclosed(string entity, int at) =>
            BotApiException.BadRequest($"can't parse entities: Can't find end of {entity} entity at byte offset {at}");
    }
}
