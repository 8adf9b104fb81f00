using System.Security.Cryptography;
using System.Text.Json;
using BlazorMessenger.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BlazorMessenger.Features.Push;

/// <summary>The server's VAPID key pair (RFC 8292), base64url: the public key as an uncompressed P-256 point, the private as its 32-byte scalar.</summary>
public sealed record VapidPair(string PublicKey, string PrivateKey);

/// <summary>
/// The VAPID key pair this server signs its pushes with: the configured one, else the one it made on its first start.
/// That one is stored in the database (ServerSecrets, name "vapid") with its private half encrypted by Data Protection,
/// so it lives with the key ring: in the data directory on SQLite, in the database the instances share on PostgreSQL.
/// Instances starting together agree on one pair: the first insert wins and the others read it.
/// </summary>
public sealed class VapidKeys(
    IDbContextFactory<ApplicationDbContext> dbFactory, IDataProtectionProvider protection, IOptions<PushOptions> options,
    TimeProvider time, ILogger<VapidKeys> logger)
{
    private const string SecretName = "vapid";
    private readonly IDataProtector _protector = protection.CreateProtector("BlazorMessenger.Push.Vapid");
    private readonly SemaphoreSlim _loading = new(1, 1);
    private VapidPair? _pair;

    public async Task<VapidPair> GetAsync(CancellationToken ct = default)
    {
        if (_pair is { } known)
        {
            return known;
        }

        await _loading.WaitAsync(ct);
        try
        {
            return _pair ??= Configured(options.Value) ?? await StoredAsync(ct) ?? await MakeAsync(ct);
        }
        finally
        {
            _loading.Release();
        }
    }

    public const string Malformed =
        "Messenger:Push:VapidPublicKey and VapidPrivateKey must be set together, as a P-256 key pair in base64url " +
        "(65-byte uncompressed public key, 32-byte private key), as web-push's generate-vapid-keys makes them.";

    /// <summary>Why a configured pair cannot work, or null when it can (or none is configured).</summary>
    public static string? Problem(PushOptions push)
    {
        if (push.VapidPublicKey.Length == 0 && push.VapidPrivateKey.Length == 0)
        {
            return null;
        }

        try
        {
            using var key = Import(new VapidPair(push.VapidPublicKey, push.VapidPrivateKey));
            return null;
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException or ArgumentException)
        {
            return Malformed;
        }
    }

    private static VapidPair? Configured(PushOptions push) =>
        push.VapidPublicKey.Length > 0 ? new VapidPair(push.VapidPublicKey, push.VapidPrivateKey) : null;

    private async Task<VapidPair?> StoredAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stored = await db.ServerSecrets.AsNoTracking().Where(s => s.Name == SecretName).Select(s => s.Value).SingleOrDefaultAsync(ct);
        if (stored is null)
        {
            return null;
        }

        try
        {
            var saved = JsonSerializer.Deserialize<VapidPair>(stored)!;
            var pair = saved with { PrivateKey = _protector.Unprotect(saved.PrivateKey) };
            using var key = Import(pair);
            return pair;
        }
        catch (Exception ex) when (ex is CryptographicException or JsonException or FormatException or ArgumentException)
        {
            // The key ring that encrypted it is gone: a new pair, and every browser subscribes again on its next visit.
            logger.LogWarning(ex, "The stored VAPID key pair cannot be read (was the Data Protection key ring replaced?); making a new one.");
            await db.ServerSecrets.Where(s => s.Name == SecretName).ExecuteDeleteAsync(ct);
            return null;
        }
    }

    private async Task<VapidPair> MakeAsync(CancellationToken ct)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var parameters = key.ExportParameters(includePrivateParameters: true);
        var pair = new VapidPair(
            WebEncoders.Base64UrlEncode([0x04, .. parameters.Q.X!, .. parameters.Q.Y!]), WebEncoders.Base64UrlEncode(parameters.D!));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.ServerSecrets.Add(new ServerSecret
        {
            Name = SecretName,
            Value = JsonSerializer.Serialize(pair with { PrivateKey = _protector.Protect(pair.PrivateKey) }),
            CreatedUtc = time.GetUtcNow().UtcDateTime,
        });
        try
        {
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Made this server's VAPID key pair for Web Push.");
            return pair;
        }
        catch (DbUpdateException)
        {
            // Another instance made one first: every instance signs with that one.
            return await StoredAsync(ct) ?? throw new InvalidOperationException("The VAPID key pair could neither be stored nor read.");
        }
    }

    /// <summary>The pair as a signing key; throws when the halves are malformed or do not belong together.</summary>
    internal static ECDsa Import(VapidPair pair)
    {
        var point = WebEncoders.Base64UrlDecode(pair.PublicKey);
        var d = WebEncoders.Base64UrlDecode(pair.PrivateKey);
        if (point.Length != 65 || point[0] != 0x04 || d.Length != 32)
        {
            throw new FormatException("Not a P-256 key pair.");
        }

        var key = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = point[1..33], Y = point[33..] },
            D = d,
        });
        try
        {
            // A private key that is not the public key's: signing with it would fail every push.
            var data = "vapid"u8.ToArray();
            using var check = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = point[1..33], Y = point[33..] } });
            return check.VerifyData(data, key.SignData(data, HashAlgorithmName.SHA256), HashAlgorithmName.SHA256)
                ? key : throw new CryptographicException("The VAPID private key does not belong to the public key.");
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }
}
