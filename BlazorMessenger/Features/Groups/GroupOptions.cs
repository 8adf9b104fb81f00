namespace BlazorMessenger.Features.Groups;

public sealed class GroupOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Messenger:Groups";

    /// <summary>Current members of one group, the creator and the owner included.</summary>
    public int MaxMembers { get; set; } = 256;
}
