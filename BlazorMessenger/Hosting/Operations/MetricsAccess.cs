using System.Net;
using System.Net.Sockets;
using BlazorMessenger.Features.Accounts;

namespace BlazorMessenger.Hosting.Operations;

/// <summary>Who may scrape <c>/metrics</c>: loopback, and the configured addresses and networks.</summary>
public sealed class MetricsAccess(IEnumerable<string> allowedAddresses)
{
    private readonly IPNetwork[] _allowed = [.. allowedAddresses.Select(Parse)];

    public bool Allows(IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }

        address = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return ClientAddress.IsLoopback(address) || _allowed.Any(network => network.Contains(address));
    }

    /// <summary>A network in CIDR notation, or one address.</summary>
    private static IPNetwork Parse(string text)
    {
        if (text.Contains('/'))
        {
            return IPNetwork.Parse(text);
        }

        var address = IPAddress.Parse(text);
        return new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128);
    }
}
