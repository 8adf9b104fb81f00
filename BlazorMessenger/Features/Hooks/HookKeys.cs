using System.Security.Cryptography;
using System.Text;

namespace BlazorMessenger.Features.Hooks;

/// <summary>
/// A webhook URL's key: 26 lower-case letters and digits, Mattermost's shape, so tools with a Mattermost setting take the
/// URL (about 134 random bits). Only SHA-256 of it is stored and looked up: the key is random, so its hash reveals nothing.
/// </summary>
public static class HookKeys
{
    public const int Length = 26;
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    public static (string Key, byte[] Hash) Make()
    {
        var key = RandomNumberGenerator.GetString(Alphabet, Length);
        return (key, Hash(key));
    }

    /// <summary>The hash to look a key up by, or null for something that cannot be a key (no lookup at all).</summary>
    public static byte[]? HashOf(string? key) =>
        key is { Length: > 0 and <= 64 } && key.All(char.IsAsciiLetterOrDigit) ? Hash(key) : null;

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.ASCII.GetBytes(key));
}
