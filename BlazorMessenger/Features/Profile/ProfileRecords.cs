namespace BlazorMessenger.Features.Profile;

public sealed record ProfileView(string UserId, string UserName, string? DisplayName, string? AvatarId, DateTime? LastSeenUtc)
{
    public string Name => string.IsNullOrWhiteSpace(DisplayName) ? UserName : DisplayName;
}

/// <summary>What the profile form saves. Picture: new bytes to upload; RemovePicture: drop the current one.</summary>
public sealed record ProfileUpdate(string? DisplayName, byte[]? Picture = null, bool RemovePicture = false);
