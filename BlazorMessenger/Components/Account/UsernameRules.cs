namespace BlazorMessenger.Components.Account;

/// <summary>The public handle: 3–32 characters of a-z, 0-9, '_' and '.'; unique regardless of case.</summary>
public static class UsernameRules
{
    public const int MinLength = 3;
    public const int MaxLength = 32;
    public const string AllowedCharacters = "abcdefghijklmnopqrstuvwxyz0123456789_.";

    public static string Describe =>
        $"A username has {MinLength}–{MaxLength} characters: lowercase letters a-z, digits, '_' and '.'.";

    /// <summary>What a person typed, as the handle it stands for: trimmed and lowercased.</summary>
    public static string Normalize(string? input) => (input ?? "").Trim().ToLowerInvariant();

    public static bool IsValid(string? userName) =>
        userName is { Length: >= MinLength and <= MaxLength } && userName.All(AllowedCharacters.Contains);
}
