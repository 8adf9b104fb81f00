using BlazorMessenger.Data;

namespace BlazorMessenger.Features.Groups;

public static class GroupRules
{
    public const int MaxTitleLength = 64;

    public static readonly string TitleLength = $"A group name needs 1 to {MaxTitleLength} characters.";
    public const string NoOneElse = "Add at least one other person.";
    public const string AdminsOnly = "Only the group's owner and admins can do that.";
    public const string NoLongerMember = "You are no longer a member of this group.";
    public const string SlowDown = "You're creating groups too quickly. Try again in a minute.";
    public const string OwnerCannotBeRemoved = "The group's owner can't be removed.";
    public const string RemoveYourself = "To leave the group, use Leave group.";
    public const string OwnerIsNotAdmin = "The owner already has every right in the group.";
    public const string NotAGroup = "This conversation is not a group.";

    public static string TooMany(int max) => $"A group can have at most {max} members.";

    public static string NoSuchUser(string userName) => $"There is no user named '{userName}'.";

    public static string CantAdd(string userName) => $"You can't add {userName} to groups.";

    public static string AlreadyMember(string userName) => $"{userName} is already in the group.";

    public static string NotInGroup(string userName) => $"{userName} is not in the group.";

    /// <summary>The trimmed name, or null when it is empty or too long.</summary>
    public static string? CleanTitle(string? name) =>
        Profile.NameText.Clean(name) is { Length: > 0 and <= MaxTitleLength } title ? title : null;

    /// <summary>"carol", "carol and dave", "carol, dave and erin".</summary>
    public static string List(IReadOnlyList<string> names) =>
        names.Count == 1 ? names[0] : $"{string.Join(", ", names.Take(names.Count - 1))} and {names[^1]}";

    /// <summary>Owner first, then admins, then members; by name within each.</summary>
    public static int Rank(MemberRole role) => role switch
    {
        MemberRole.Owner => 0,
        MemberRole.Admin => 1,
        _ => 2,
    };
}
