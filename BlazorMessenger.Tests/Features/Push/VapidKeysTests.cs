using System.Security.Cryptography;
using BlazorMessenger.Data;
using BlazorMessenger.Features.Push;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BlazorMessenger.Tests.Features.Push;

/// <summary>The server's VAPID key pair: made once and kept (its private half encrypted by Data Protection), or configured.</summary>
[BothDatabases]
public sealed class VapidKeysTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_first_start_makes_a_P256_pair_that_every_later_start_reads_back_and_stores_no_private_key_in_clear()
    {
        await using var services = await TestServices.CreateAsync();
        var made = await services.Get<VapidKeys>().GetAsync(Ct);

        // Another instance (or the next start) over the same database and key ring signs with the same pair.
        var again = new VapidKeys(
            services.Get<IDbContextFactory<ApplicationDbContext>>(), services.Get<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>(),
            Options.Create(new PushOptions()), TimeProvider.System, NullLogger<VapidKeys>.Instance);
        Assert.Equal(made, await again.GetAsync(Ct));
        Assert.Equal(65, WebEncoders.Base64UrlDecode(made.PublicKey).Length);
        using var key = VapidKeys.Import(made);
        Assert.Equal(ECCurve.NamedCurves.nistP256.Oid.Value, key.ExportParameters(false).Curve.Oid.Value);

        await using var db = await services.Get<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync(Ct);
        var stored = await db.ServerSecrets.SingleAsync(s => s.Name == "vapid", Ct);
        Assert.Contains(made.PublicKey, stored.Value, StringComparison.Ordinal);
        Assert.DoesNotContain(made.PrivateKey, stored.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_configured_pair_is_used_as_given_and_a_malformed_or_mismatched_one_stops_the_start_with_the_key_to_fix()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var parameters = ec.ExportParameters(true);
        var pair = new VapidPair(WebEncoders.Base64UrlEncode([0x04, .. parameters.Q.X!, .. parameters.Q.Y!]), WebEncoders.Base64UrlEncode(parameters.D!));
        await using var services = await TestServices.CreateAsync(settings: new Dictionary<string, string?>
        {
            ["Messenger:Push:VapidPublicKey"] = pair.PublicKey, ["Messenger:Push:VapidPrivateKey"] = pair.PrivateKey,
        });

        Assert.Equal(pair, await services.Get<VapidKeys>().GetAsync(Ct));
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var mismatched = new PushOptions { VapidPublicKey = pair.PublicKey, VapidPrivateKey = WebEncoders.Base64UrlEncode(other.ExportParameters(true).D!) };
        Assert.Contains("Messenger:Push:VapidPublicKey", VapidKeys.Problem(mismatched), StringComparison.Ordinal);
        Assert.NotNull(VapidKeys.Problem(new PushOptions { VapidPublicKey = pair.PublicKey }));
        Assert.NotNull(VapidKeys.Problem(new PushOptions { VapidPublicKey = "short", VapidPrivateKey = pair.PrivateKey }));
        Assert.Null(VapidKeys.Problem(new PushOptions()));
    }
}
