using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using BlazorMessenger.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Features.Accounts;

/// <summary>
/// Authenticator-app codes (RFC 6238: HMAC-SHA1, 6 digits, 30-second steps, two steps either side for clock drift, as
/// Identity's own provider) that work once: the newest accepted step is kept per account, and a code of that step or
/// an earlier one is refused, so a code seen over someone's shoulder or in a log cannot sign in a second time.
/// </summary>
public sealed class SingleUseAuthenticator(IDbContextFactory<ApplicationDbContext> dbFactory, TimeProvider time)
    : AuthenticatorTokenProvider<ApplicationUser>
{
    private const string Provider = "[BlazorMessenger]";
    private const string LastStep = "AuthenticatorLastStep";
    private const int Drift = 2;

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<ApplicationUser> manager, ApplicationUser user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrWhiteSpace(key) || token.Length != 6 || !token.All(char.IsAsciiDigit) || Base32(key) is not { } secret)
        {
            return false;
        }

        var now = time.GetUtcNow().ToUnixTimeSeconds() / 30;
        for (var step = now - Drift; step <= now + Drift; step++)
        {
            if (CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(Code(secret, step).AsSpan()), MemoryMarshal.AsBytes(token.AsSpan())))
            {
                return await ClaimAsync(user.Id, step);
            }
        }

        return false;
    }

    /// <summary>Records the step as used, in one statement, unless it (or a later one) already was.</summary>
    private async Task<bool> ClaimAsync(string userId, long step)
    {
        // Fixed width, so the text order is the number order in both databases.
        var value = step.ToString("D20", CultureInfo.InvariantCulture);
        await using var db = await dbFactory.CreateDbContextAsync();
        var mine = db.UserTokens.Where(t => t.UserId == userId && t.LoginProvider == Provider && t.Name == LastStep);
        if (await mine.Where(t => string.Compare(t.Value, value) < 0).ExecuteUpdateAsync(s => s.SetProperty(t => t.Value, value)) == 1)
        {
            return true;
        }

        if (await mine.AnyAsync())
        {
            return false;
        }

        db.UserTokens.Add(new IdentityUserToken<string> { UserId = userId, LoginProvider = Provider, Name = LastStep, Value = value });
        try
        {
            await db.SaveChangesAsync();
            return true;
        }
        catch (DbUpdateException)
        {
            return false; // the same code, at the same moment, from somewhere else
        }
    }

    private static string Code(byte[] secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        var hash = HMACSHA1.HashData(secret, counter);
        var offset = hash[^1] & 0x0F;
        var binary = BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset)) & 0x7FFFFFFF;
        return (binary % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    private static byte[]? Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>(text.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in text.TrimEnd('=').ToUpperInvariant())
        {
            var value = alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
            {
                return null;
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes.Add((byte)(buffer >> bits));
                buffer &= (1 << bits) - 1;
            }
        }

        return [.. bytes];
    }
}
