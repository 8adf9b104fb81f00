namespace BlazorMessenger.Features.Contacts;

public sealed record ContactView(string UserId, string UserName, string? DisplayName, DateTime AddedUtc, string? AvatarId = null, bool IsBot = false)
{
    public string Name => string.IsNullOrWhiteSpace(DisplayName) ? UserName : DisplayName;

    /// <summary>As the owner may see them: the username only, from someone who hides from them (see Safety.Relations).</summary>
    public ContactView MaskedFor(IReadOnlySet<string> hiding) =>
        hiding.Contains(UserId) ? this with { DisplayName = null, AvatarId = null } : this;
}

public sealed record ContactAdded(ContactView Contact, long ConversationId);
