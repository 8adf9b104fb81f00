namespace BlazorMessenger.Features.Bots;

/// <summary>A bot as its owner (or an admin) sees it in Settings.</summary>
public sealed record BotView(
    string UserId, string UserName, string Name, string? AvatarId, bool PrivacyMode, DateTime CreatedUtc, string OwnerName, bool UsesWebhook);

/// <summary>A bot just made, or a token just replaced: the token is shown this once.</summary>
public sealed record BotToken(BotView Bot, string Token);
