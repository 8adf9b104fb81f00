using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace BlazorMessenger.Components.Account;

/// <summary>The tokens in confirmation and reset links come from the address bar: a garbled one is simply invalid.</summary>
public static class TokenCode
{
    public static string? Decode(string? code)
    {
        try
        {
            return code is null ? null : Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
