namespace BlazorMessenger.Features.Profile;

/// <summary>Hidden: the person hides from the reader (see Safety.Relations), who sees their username only.</summary>
public sealed record ProfileView(string UserId, string UserName, string? DisplayName, string? AvatarId, DateTime? LastSeenUtc, bool Hidden = false)
{
    public string Name => string.IsNullOrWhiteSpace(DisplayName) ? UserName : DisplayName;
}

/// <summary>What the profile form saves. Picture: new bytes to upload; RemovePicture: drop the current one.</summary>
public sealed record ProfileUpdate(string? DisplayName, byte[]? Picture = null, bool RemovePicture = false);
