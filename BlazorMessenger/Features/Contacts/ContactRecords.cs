namespace BlazorMessenger.Features.Contacts;

public sealed record ContactView(string UserId, string UserName, string? DisplayName, DateTime AddedUtc, string? AvatarId = null)
{
    public string Name => string.IsNullOrWhiteSpace(DisplayName) ? UserName : DisplayName;
}

public sealed record ContactAdded(ContactView Contact, long ConversationId);
