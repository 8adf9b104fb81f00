namespace BlazorMessenger.Features.Bots.Api;

/// <summary>An answer in Telegram's error shape: the HTTP status is the error code.</summary>
public sealed class BotApiException(int code, string description, int? retryAfter = null) : Exception(description)
{
    public int Code { get; } = code;

    public int? RetryAfter { get; } = retryAfter;

    public static BotApiException BadRequest(string what) => new(400, $"Bad Request: {what}");

    public static BotApiException Forbidden(string what) => new(403, $"Forbidden: {what}");

    public static BotApiException Unauthorized() => new(401, "Unauthorized");

    public static BotApiException TooMany(int seconds) => new(429, $"Too Many Requests: retry after {seconds}", seconds);

    public static BotApiException ChatNotFound() => BadRequest("chat not found");
}
