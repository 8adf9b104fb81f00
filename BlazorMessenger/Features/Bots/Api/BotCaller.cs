namespace BlazorMessenger.Features.Bots.Api;

/// <summary>The bot a request's token proved to be.</summary>
public sealed record BotCaller(string UserId, long Number, string UserName, string Name, bool PrivacyMode, string? WebhookUrl, string? AllowedUpdates)
{
    public TgUser AsUser() => new(Number, true, Name, UserName);
}
