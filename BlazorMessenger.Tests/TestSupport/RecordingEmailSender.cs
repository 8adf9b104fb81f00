using System.Collections.Concurrent;
using BlazorMessenger.Data;
using Microsoft.AspNetCore.Identity;

namespace BlazorMessenger.Tests.TestSupport;

/// <summary>The mail the app would send, kept for the test to read.</summary>
public sealed class RecordingEmailSender : IEmailSender<ApplicationUser>
{
    public ConcurrentQueue<(string To, string Kind, string Link)> Sent { get; } = new();

    public Task SendConfirmationLinkAsync(ApplicationUser user, string email, string confirmationLink) =>
        Record(email, "confirm", confirmationLink);

    public Task SendPasswordResetLinkAsync(ApplicationUser user, string email, string resetLink) => Record(email, "reset", resetLink);

    public Task SendPasswordResetCodeAsync(ApplicationUser user, string email, string resetCode) => Record(email, "reset-code", resetCode);

    private Task Record(string to, string kind, string link)
    {
        Sent.Enqueue((to, kind, link));
        return Task.CompletedTask;
    }
}
