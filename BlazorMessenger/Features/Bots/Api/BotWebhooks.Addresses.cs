using System.Net;
using System.Net.Sockets;

namespace BlazorMessenger.Features.Bots.Api;

/// <summary>
/// Where a webhook may point: an https URL to a public name, or a host listed in Messenger:Bots:WebhookHosts (which
/// may be plain HTTP or inside the network). The server POSTs from inside the network, so an internal address is
/// refused when the webhook is set and again on every connection (a public name can resolve to one).
/// </summary>
public sealed partial class BotWebhooks
{
    /// <summary>Why a URL cannot be a webhook, or null.</summary>
    public static string? Problem(string url, BotOptions options)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.UserInfo.Length > 0)
        {
            return "invalid webhook URL specified";
        }

        var listed = Listed(uri.IdnHost, options);
        return uri.Scheme == "http" && !listed ? "HTTPS url must be provided for webhook"
            : IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var address) && IsInternal(address) && !listed ? "IP address is reserved"
            : null;
    }

    private static bool Listed(string host, BotOptions options) =>
        options.WebhookHosts.Any(h => string.Equals(h.Trim(), host.Trim('[', ']'), StringComparison.OrdinalIgnoreCase));

    private static bool IsInternal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var b = address.GetAddressBytes();
        return IPAddress.IsLoopback(address) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal
            || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)
            || (b.Length == 4 && (b[0] == 10 || b[0] == 0 || (b[0] == 172 && b[1] >= 16 && b[1] < 32) || (b[0] == 192 && b[1] == 168)
                                  || (b[0] == 169 && b[1] == 254) || (b[0] == 100 && b[1] >= 64 && b[1] < 128)));
    }

    /// <summary>A client that refuses to connect to internal addresses unless the host is listed (a name can point anywhere).</summary>
    private HttpClient NewClient()
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            ConnectCallback = async (context, ct) =>
            {
                var host = context.DnsEndPoint.Host;
                var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
                var allowed = Listed(host, options.Value) ? addresses : addresses.Where(a => !IsInternal(a)).ToArray();
                if (allowed.Length == 0)
                {
                    throw new HttpRequestException("the webhook's address is reserved");
                }

                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }
}
