namespace BlazorMessenger.Features.Accounts;

/// <summary>Passwords, sign-in limits and sessions.</summary>
public sealed class AccountOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Messenger:Accounts";

    public int PasswordMinLength { get; set; } = 10;

    public int PasswordMaxLength { get; set; } = 128;

    /// <summary>Failed logins to one account from one address before that address must wait (others are unaffected).</summary>
    public int FailuresPerAddress { get; set; } = 5;

    public double AddressWaitMinutes { get; set; } = 15;

    /// <summary>Failed logins from all addresses together before the account itself is locked (NIST: at most 100).</summary>
    public int FailuresBeforeLockout { get; set; } = 100;

    public double LockoutMinutes { get; set; } = 15;

    /// <summary>How often an open tab checks that its session still stands (it also hears at once when it ends here).</summary>
    public double SessionCheckSeconds { get; set; } = 30;

    /// <summary>A session not used for this long has ended (the sign-in cookie lasts 14 days).</summary>
    public double SessionIdleDays { get; set; } = 14;

    /// <summary>Requests to the login, two-factor and password pages per client address: a token bucket.</summary>
    public int AttemptBurst { get; set; } = 10;

    public int AttemptsPerMinute { get; set; } = 10;

    /// <summary>New accounts per client address.</summary>
    public int RegistrationBurst { get; set; } = 3;

    public int RegistrationsPerHour { get; set; } = 10;
}
