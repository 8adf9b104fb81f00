namespace BlazorMessenger.Hosting;

/// <summary>Who may use the sign-in cookie from a script (see <see cref="SameOriginGate"/>).</summary>
public sealed class SecurityOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Messenger:Security";

    /// <summary>
    /// Origins ("https://chat.example.com") besides the app's own that may open its circuits and call its script
    /// endpoints with the sign-in cookie. Empty: only the app's own.
    /// </summary>
    public string[] AllowedOrigins { get; set; } = [];
}
