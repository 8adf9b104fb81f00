namespace BlazorMessenger.Features.Hooks;

/// <summary>
/// Parsed webhook post. Text: the app's markdown; when the payload had no top-level "text" (or it only stood in for
/// blocks, as in Slack), a plain summary (the first attachment's fallback, else its pretext, title or text, else the
/// first block's text) with Card.TextHidden set. Card: null for a plain text post with no username or icon override,
/// no attachments and no blocks.
/// </summary>
public sealed record HookPost(string Text, MessageCard? Card);

/// <summary>
/// Parse result: Post, or Error, which is exactly "invalid_payload" (not JSON, not an object, wrong field types) or
/// "no_text" (nothing to show at all): Slack's own answers.
/// </summary>
public sealed record HookPayloadResult(HookPost? Post, string? Error)
{
    public const string InvalidPayload = "invalid_payload";
    public const string NoText = "no_text";
}
