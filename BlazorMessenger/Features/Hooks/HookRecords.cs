namespace BlazorMessenger.Features.Hooks;

/// <summary>A webhook as its conversation's managers (and admins) see it. Conversation: the group's name or the chat's people.</summary>
public sealed record HookView(
    string UserId, long ConversationId, string Name, string? AvatarId, string CreatorName, DateTime CreatedUtc,
    DateTime? LastUsedUtc, string? LastUsedAddress, string Conversation);

/// <summary>A webhook just made, or its URL just replaced: the URL's path is shown this once.</summary>
public sealed record HookUrl(HookView Hook, string Path);

/// <summary>How a post was answered, in Slack's words: 200 "ok", or a status and its error code.</summary>
public sealed record HookAnswer(int Status, string Body, int? RetryAfterSeconds = null)
{
    public static readonly HookAnswer Ok = new(StatusCodes.Status200OK, "ok");
    public static readonly HookAnswer NoService = new(StatusCodes.Status404NotFound, "no_service");
    public static readonly HookAnswer Prohibited = new(StatusCodes.Status403Forbidden, "action_prohibited");
    public static readonly HookAnswer TooLarge = new(StatusCodes.Status413PayloadTooLarge, "payload_too_large");

    public static HookAnswer Invalid(string error) => new(StatusCodes.Status400BadRequest, error);
}
