using System.Globalization;
using System.Net;
using System.Net.Sockets;
using MaxMind.Db;

namespace BlazorMessenger.Features.Accounts.Sessions;

/// <summary>
/// Roughly where a session signed in from: this computer, a local network, or a country from the bundled
/// IP-to-country database (GeoIp/country.mmdb, read memory-mapped). Country level only: enough to spot a stranger.
/// </summary>
public sealed class SessionPlaces : IDisposable
{
    public const string DatabasePath = "GeoIp/country.mmdb";

    private readonly Reader _countries;

    public SessionPlaces()
    {
        var path = Path.Combine(AppContext.BaseDirectory, DatabasePath);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"The country database is missing at {path}: the build copies it from the npm package in package.json (run `dotnet build` with npm available).", path);
        }

        _countries = new Reader(path, FileAccessMode.MemoryMapped);
    }

    public string Describe(string? address)
    {
        if (!IPAddress.TryParse(address, out var ip))
        {
            return "Unknown place";
        }

        if (ip.IsIPv4MappedToIPv6)
        {
            ip = ip.MapToIPv4();
        }

        if (IPAddress.IsLoopback(ip))
        {
            return "This computer";
        }

        if (IsLocal(ip))
        {
            return "Local network";
        }

        var code = _countries.Find<Dictionary<string, object>>(ip)?.GetValueOrDefault("country_code") as string;
        return CountryName(code) ?? "Unknown place";
    }

    private static string? CountryName(string? code)
    {
        try
        {
            return code is { Length: 2 } ? new RegionInfo(code).EnglishName : null;
        }
        catch (ArgumentException)
        {
            return code;
        }
    }

    private static bool IsLocal(IPAddress ip)
    {
        if (ip.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return ip.IsIPv6LinkLocal || ip.IsIPv6SiteLocal || ip.IsIPv6UniqueLocal;
        }

        var b = ip.GetAddressBytes();
        return b[0] == 10 || (b[0] == 172 && b[1] is >= 16 and <= 31) || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254) || (b[0] == 100 && b[1] is >= 64 and <= 127);
    }

    public void Dispose() => _countries.Dispose();
}
