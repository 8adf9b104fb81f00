using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Lib.Net.Http.WebPush.Authentication;

namespace BlazorMessenger.Features.Push;

public sealed partial class PushDelivery
{
    /// <summary>
    /// Two corrections to the library's requests. RFC 8292's audience is the push resource's origin, port included; the
    /// library leaves a non-default port out, which a push service on such a port (a test's, a self-hosted one) rightly
    /// refuses (on the usual port nothing changes). And it leaves Urgency out when it is normal: said anyway, so every
    /// push states its urgency.
    /// </summary>
    private sealed class RequestFixes(Func<VapidAuthentication?> vapid, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (!request.Headers.Contains("Urgency"))
            {
                request.Headers.Add("Urgency", "normal");
            }

            if (request.RequestUri is { IsDefaultPort: false } uri && vapid() is { } authentication)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue(
                    "vapid", authentication.GetVapidSchemeAuthenticationHeaderValueParameter(uri.GetLeftPart(UriPartial.Authority)));
            }

            return base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>One signed token per push service origin until shortly before it expires, instead of a signature per push.</summary>
    private sealed class TokenCache : IVapidTokenCache
    {
        private readonly ConcurrentDictionary<string, (DateTimeOffset Expires, string Token)> _tokens = new(StringComparer.Ordinal);

        public void Put(string audience, DateTimeOffset expiration, string token) => _tokens[audience] = (expiration, token);

        public string? Get(string audience) =>
            _tokens.TryGetValue(audience, out var entry) && entry.Expires - DateTimeOffset.UtcNow > TimeSpan.FromMinutes(5) ? entry.Token : null;
    }
}
