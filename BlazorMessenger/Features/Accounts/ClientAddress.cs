using System.Net;
using System.Net.Sockets;

namespace BlazorMessenger.Features.Accounts;

/// <summary>
/// The client address that per-address limits count by: an IPv4 address, or an IPv6 /64 network (one household or
/// server gets a whole /64, so counting single IPv6 addresses would give an attacker millions of fresh starts).
/// </summary>
public static class ClientAddress
{
    public static string KeyOf(HttpContext context) => KeyOf(context.Connection.RemoteIpAddress);

    /// <summary>
    /// From this machine. The address is the one after a known proxy's X-Forwarded-For, so a visitor who came through a
    /// proxy on this machine is not local.
    /// </summary>
    public static bool IsLoopback(IPAddress? address) =>
        address is not null && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);

    public static string KeyOf(IPAddress? address)
    {
        if (address is null)
        {
            return "";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
