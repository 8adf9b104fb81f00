using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace BlazorMessenger.Features.Bots;

/// <summary>
/// A bot's token, in Telegram's shape so frameworks accept it: "{bot's number}:{43 characters of base64url}" (32 random
/// bytes). Only SHA-256 of the secret is stored; a token is checked by its number, then the hash in constant time.
/// </summary>
public static class BotTokens
{
    private const int SecretBytes = 32;

    public static (string Token, byte[] Hash) Make(long number)
    {
        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));
        return ($"{number.ToString(CultureInfo.InvariantCulture)}:{secret}", Hash(secret));
    }

    /// <summary>The number and secret of something shaped like a token; false for anything else.</summary>
    public static bool TryParse(string? token, out long number, out string secret)
    {
        (number, secret) = (0, "");
        var colon = token?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (colon is < 1 or > 16 || !long.TryParse(token.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out number))
        {
            return false;
        }

        secret = token![(colon + 1)..];
        return secret.Length is > 0 and <= 128;
    }

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    public static bool Matches(byte[] storedHash, string secret) =>
        CryptographicOperations.FixedTimeEquals(storedHash, Hash(secret));
}
