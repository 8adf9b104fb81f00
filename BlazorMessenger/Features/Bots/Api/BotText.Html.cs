using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace BlazorMessenger.Features.Bots.Api;

public static partial class BotText
{
    /// <summary>
    /// Telegram's HTML style (core.telegram.org/bots/api#html-style) to the app's Markdown: b/strong, i/em, s/strike/del,
    /// code, pre and blockquote carry over, a link shows its address; u/ins and spoilers show as plain text. Any other
    /// tag, or a tag never closed, is refused with Telegram's error.
    /// </summary>
    private static partial class TelegramHtml
    {
        public static string Convert(string html)
        {
            var frames = new Stack<(string Tag, StringBuilder Output, string? Href)>();
            frames.Push(("", new StringBuilder(), null));
            var at = 0;
            foreach (Match token in Token().Matches(html))
            {
                if (token.Index > at)
                {
                    AppendText(frames, html[at..token.Index]);
                }

                at = token.Index + token.Length;
                var tag = token.Groups["tag"].Value.ToLowerInvariant();
                if (token.Groups["close"].Success)
                {
                    Close(frames, tag, token.Index);
                }
                else
                {
                    Open(frames, tag, token.Groups["attrs"].Value, token.Index);
                }
            }

            if (at < html.Length)
            {
                AppendText(frames, html[at..]);
            }

            return frames.Count == 1
                ? frames.Peek().Output.ToString()
                : throw BotApiException.BadRequest($"can't parse entities: Can't find end tag corresponding to start tag \"{frames.Peek().Tag}\"");
        }

        private static void Open(Stack<(string Tag, StringBuilder Output, string? Href)> frames, string tag, string attributes, int at)
        {
            if (tag is not ("b" or "strong" or "i" or "em" or "u" or "ins" or "s" or "strike" or "del" or "a" or "code" or "pre"
                or "blockquote" or "tg-spoiler" or "span" or "tg-emoji"))
            {
                throw BotApiException.BadRequest($"can't parse entities: Unsupported start tag \"{tag}\" at byte offset {at}");
            }

            var href = tag == "a" && Href().Match(attributes) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups["url"].Value) : null;
            frames.Push((tag, new StringBuilder(), href));
        }

        private static void Close(Stack<(string Tag, StringBuilder Output, string? Href)> frames, string tag, int at)
        {
            if (frames.Count == 1 || frames.Peek().Tag != tag)
            {
                throw BotApiException.BadRequest($"can't parse entities: Unmatched end tag at byte offset {at}, expected \"</{frames.Peek().Tag}>\", found \"</{tag}>\"");
            }

            var (_, inner, href) = frames.Pop();
            var content = inner.ToString();
            var outer = frames.Peek().Output;
            outer.Append(tag switch
            {
                "b" or "strong" => $"**{content}**",
                "i" or "em" => $"*{content}*",
                "s" or "strike" or "del" => $"~~{content}~~",
                "a" when href is not null => Link(content, href),
                "code" when frames.Peek().Tag == "pre" => content,
                "code" => $"`{content}`",
                "pre" => $"```\n{content.TrimEnd('\n')}\n```",
                "blockquote" => string.Join('\n', content.Split('\n').Select(line => "> " + line)),
                _ => content,
            });
        }

        private static void AppendText(Stack<(string Tag, StringBuilder Output, string? Href)> frames, string raw)
        {
            var text = WebUtility.HtmlDecode(raw);
            frames.Peek().Output.Append(text);
        }

        [GeneratedRegex(@"<(?<close>/)?(?<tag>[A-Za-z][A-Za-z0-9-]*)(?<attrs>[^>]*)>")]
        private static partial Regex Token();

        [GeneratedRegex(@"href\s*=\s*(?:""(?<url>[^""]*)""|'(?<url>[^']*)')", RegexOptions.IgnoreCase)]
        private static partial Regex Href();
    }
}
